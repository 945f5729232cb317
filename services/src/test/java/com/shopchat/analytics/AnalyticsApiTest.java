package com.shopchat.analytics;

import static com.shopchat.support.AdminClient.errorCode;
import static com.shopchat.support.AdminClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.shopchat.experiment.Stats;
import com.shopchat.support.AdminClient;
import com.shopchat.support.AnalyticsData;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics API on the scripted data set (support/AnalyticsData): every figure equals the one worked out by
 * hand from the script (docs/analytics.md gives the definitions).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The analytics API on a scripted data set")
class AnalyticsApiTest {

  private static final String EMAIL = "analytics-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static final String PERIOD = "/api/admin/analytics?from=" + AnalyticsData.FROM + "&to=" + AnalyticsData.TO;
  private static final double EPS = 1e-6;

  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD));
    AnalyticsData.load(server);
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static JsonObject dashboard(String extra) throws Exception {
    return ok(admin.get(PERIOD + extra), 200);
  }

  @Test
  @DisplayName("containment and handoff rate: 7 conversations, 4 handed to a person (agent_joined included), "
    + "3 contained, by day 1 of 3 and 2 of 4; the unwritten and the earlier conversation left out")
  void containment() throws Exception {
    JsonObject totals = dashboard("").getJsonObject("totals");
    assertEquals(7L, totals.getLong("conversations"));
    assertEquals(4L, totals.getLong("handedOff"));
    assertEquals(3L, totals.getLong("contained"));
    assertEquals(3.0 / 7, totals.getDouble("containmentRate"), EPS);
    assertEquals(4.0 / 7, totals.getDouble("handoffRate"), EPS);
    JsonArray days = dashboard("").getJsonArray("days");
    assertEquals(List.of("2025-03-01", "2025-03-02"), days.stream().map(d -> ((JsonObject) d).getString("day")).toList());
    assertEquals(3L, days.getJsonObject(0).getLong("conversations"));
    assertEquals(1L, days.getJsonObject(0).getLong("contained"));
    assertEquals(4L, days.getJsonObject(1).getLong("conversations"));
    assertEquals(2L, days.getJsonObject(1).getLong("contained"));
    // The contained and handed-off conversations are the handoff records' complement, whatever the filter.
    assertEquals(server.count("SELECT count(DISTINCT h.conversation_id) FROM handoffs h JOIN conversations c"
      + " ON c.id = h.conversation_id WHERE c.id LIKE 'an-%' AND c.created_at >= '2025-03-01'"
      + " AND c.created_at < '2025-03-03'"), totals.getLong("handedOff"));
  }

  @Test
  @DisplayName("filters: zh is the one complaint handed off, the app channel one contained chat, en+web 5 with 3 "
    + "handed off")
  void filters() throws Exception {
    JsonObject zh = dashboard("&locale=zh").getJsonObject("totals");
    assertEquals(1L, zh.getLong("conversations"));
    assertEquals(1L, zh.getLong("handedOff"));
    JsonObject app = dashboard("&channel=app");
    assertEquals(1L, app.getJsonObject("totals").getLong("conversations"));
    assertEquals(1.0, app.getJsonObject("totals").getDouble("containmentRate"), EPS);
    assertEquals(1L, app.getJsonObject("commerce").getJsonObject("funnel").getLong("impressions"));
    assertEquals(1L, app.getJsonObject("commerce").getJsonObject("funnel").getLong("purchases"));
    JsonObject enWeb = dashboard("&locale=en&channel=web").getJsonObject("totals");
    assertEquals(5L, enWeb.getLong("conversations"));
    assertEquals(3L, enWeb.getLong("handedOff"));
    JsonObject none = dashboard("&channel=email").getJsonObject("totals");
    assertEquals(0L, none.getLong("conversations"));
    assertNull(none.getDouble("containmentRate"));
  }

  @Test
  @DisplayName("handoff reasons, the wait for an agent (120 s and 360 s, one never answered) and CSAT 11/3")
  void handoffsAndCsat() throws Exception {
    JsonObject d = dashboard("");
    JsonArray reasons = d.getJsonArray("handoffReasons");
    assertEquals(4, reasons.size());
    for (Object r : reasons) {
      assertEquals(1L, ((JsonObject) r).getLong("handoffs"), r.toString());
    }
    JsonObject wait = d.getJsonObject("wait");
    assertEquals(2L, wait.getLong("answered"));
    assertEquals(1L, wait.getLong("unanswered"));
    assertEquals(240.0, wait.getDouble("averageSeconds"), EPS);
    JsonObject csat = d.getJsonObject("csat");
    assertEquals(3L, csat.getLong("ratings"));
    assertEquals(11.0 / 3, csat.getDouble("average"), EPS);
    assertEquals(2.0 / 3, csat.getDouble("satisfiedRate"), EPS);
    List<Long> distribution = csat.getJsonArray("distribution").stream()
      .map(r -> ((JsonObject) r).getLong("ratings")).toList();
    assertEquals(List.of(0L, 1L, 0L, 1L, 1L), distribution);
  }

  @Test
  @DisplayName("intents ranked by bot turns with their average confidence, and the oos rate 2 of 9 turns")
  void intents() throws Exception {
    JsonObject d = dashboard("");
    JsonArray intents = d.getJsonArray("intents");
    assertEquals(List.of("faq", "oos", "track_order", "complaint", "human"),
      intents.stream().map(i -> ((JsonObject) i).getString("intent")).toList());
    assertEquals(3L, intents.getJsonObject(0).getLong("turns"));
    assertEquals(0.8, intents.getJsonObject(0).getDouble("averageConfidence"), EPS);
    assertEquals(0.25, intents.getJsonObject(1).getDouble("averageConfidence"), EPS);
    assertEquals(0.75, intents.getJsonObject(2).getDouble("averageConfidence"), EPS);
    assertEquals(9L, d.getJsonObject("totals").getLong("botTurns"));
    assertEquals(2L, d.getJsonObject("totals").getLong("fallbackTurns"));
    assertEquals(2.0 / 9, d.getJsonObject("totals").getDouble("fallbackRate"), EPS);
  }

  @Test
  @DisplayName("knowledge entries: both used twice; delivery cited before two handoffs, returns before one")
  void knowledge() throws Exception {
    JsonObject k = dashboard("").getJsonObject("knowledge");
    JsonArray used = k.getJsonArray("mostUsed");
    assertEquals("an-delivery", used.getJsonObject(0).getString("id"));
    assertEquals("Delivery times", used.getJsonObject(0).getString("title"));
    assertEquals(2L, used.getJsonObject(0).getLong("uses"));
    assertEquals(2L, used.getJsonObject(1).getLong("uses"));
    JsonArray handed = k.getJsonArray("ledToHandoff");
    assertEquals(2L, handed.getJsonObject(0).getLong("handoffs"));
    assertEquals("an-returns", handed.getJsonObject(1).getString("id"));
    assertEquals(1L, handed.getJsonObject(1).getLong("handoffs"));
  }

  @Test
  @DisplayName("the funnel 7 → 3 clicks → 2 carts → 3 purchases, €100 influenced, and CTR per variant with "
    + "Wilson intervals")
  void funnelAndVariants() throws Exception {
    JsonObject c = dashboard("").getJsonObject("commerce");
    JsonObject funnel = c.getJsonObject("funnel");
    assertEquals(7L, funnel.getLong("impressions"));
    assertEquals(3L, funnel.getLong("clicks"));
    assertEquals(2L, funnel.getLong("addToCarts"));
    assertEquals(3L, funnel.getLong("purchases"));
    assertEquals(3.0 / 7, funnel.getDouble("ctr"), EPS);
    assertEquals(10_000L, c.getLong("revenueInfluencedCents"));
    assertEquals(3L, c.getLong("influencedPurchases"));
    JsonObject experiment = c.getJsonArray("experiments").getJsonObject(0);
    assertEquals("an-exp", experiment.getString("id"));
    JsonArray variants = experiment.getJsonObject("results").getJsonArray("variants");
    JsonObject a = variants.getJsonObject(0);
    JsonObject b = variants.getJsonObject(1);
    assertEquals(List.of(4L, 2L, 1L, 1L, 5000L), List.of(a.getLong("impressions"), a.getLong("clicks"),
      a.getLong("addToCarts"), a.getLong("purchases"), a.getLong("revenueCents")));
    assertEquals(List.of(2L, 1L, 1L, 1L, 3000L), List.of(b.getLong("impressions"), b.getLong("clicks"),
      b.getLong("addToCarts"), b.getLong("purchases"), b.getLong("revenueCents")));
    assertEquals(0.5, a.getJsonObject("ctr").getDouble("rate"), EPS);
    // Wilson 95 % for 2 of 4, by hand: centre 0.5, half-width 1.96/1.9604 · √(0.0625 + 0.06002) = 0.34996.
    assertEquals(0.15004, a.getJsonObject("ctr").getDouble("low"), 1e-4);
    assertEquals(0.84996, a.getJsonObject("ctr").getDouble("high"), 1e-4);
    assertEquals(0.5, b.getJsonObject("conversion").getDouble("rate"), EPS);
    assertEquals(Stats.wilson(1, 2).low(), b.getJsonObject("conversion").getDouble("low"), EPS);
  }

  @Test
  @DisplayName("visitors who chatted bought at 2 of 7, those who did not at 1 of 3")
  void chattedOrNot() throws Exception {
    JsonObject split = dashboard("").getJsonObject("commerce").getJsonObject("chatVsNoChat");
    assertEquals(7L, split.getJsonObject("chatted").getLong("visitors"));
    assertEquals(2L, split.getJsonObject("chatted").getLong("purchasers"));
    assertEquals(3L, split.getJsonObject("notChatted").getLong("visitors"));
    assertEquals(1L, split.getJsonObject("notChatted").getLong("purchasers"));
    assertEquals(Stats.twoProportion(1, 3, 2, 7).p(), split.getDouble("p"), EPS);
  }

  @Test
  @DisplayName("a conversation written after the last refresh shows once the rollups are refreshed (POST refresh)")
  void refresh() throws Exception {
    String day = "/api/admin/analytics?from=2025-03-05&to=2025-03-05";
    server.pool().query("INSERT INTO visitors (id) VALUES ('an-v50');"
      + " INSERT INTO conversations (id, visitor_id, created_at) VALUES ('an-c50', 'an-v50', '2025-03-05 08:00+00');"
      + " INSERT INTO messages (conversation_id, seq, sender, text, created_at)"
      + " VALUES ('an-c50', 1, 'shopper', 'hello', '2025-03-05 08:00:01+00')").execute()
      .await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0L, ok(admin.get(day), 200).getJsonObject("totals").getLong("conversations"));
    JsonObject refreshed = ok(admin.post("/api/admin/analytics/refresh", null), 200);
    JsonObject after = ok(admin.get(day), 200);
    assertEquals(1L, after.getJsonObject("totals").getLong("conversations"));
    assertEquals(1L, after.getJsonObject("totals").getLong("contained"));
    assertEquals(refreshed.getString("refreshedAt"), after.getString("refreshedAt"));
  }

  @Test
  @DisplayName("bad periods and filters are a 400 naming the parameter")
  void badParameters() throws Exception {
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?from=2025-03-05&to=2025-03-01"), 400));
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?from=March"), 400));
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?from=2020-01-01&to=2025-01-01"), 400));
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?locale=fr"), 400));
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?channel=Web%20Widget"), 400));
    assertEquals("invalid_parameter", errorCode(admin.get("/api/admin/analytics?locale=en&locale=zh"), 400));
    assertEquals("invalid_parameter",
      errorCode(admin.get("/api/admin/analytics/conversations?rating=6"), 400));
    assertEquals("invalid_parameter",
      errorCode(admin.get("/api/admin/analytics/conversations?outcome=happy"), 400));
    assertEquals("not_found", errorCode(admin.get("/api/admin/analytics/conversations/an-nothere"), 404));
  }

  @Test
  @DisplayName("review: search by text, intent, outcome and rating, then a transcript with every bot turn's intent, "
    + "confidence, flow and model version")
  void review() throws Exception {
    String base = "/api/admin/analytics/conversations?from=" + AnalyticsData.FROM + "&to=" + AnalyticsData.TO;
    assertEquals(List.of("an-c2"), ids(base + "&q=REFUND"));
    assertEquals(List.of("an-c6", "an-c1"), ids(base + "&intent=track_order"));
    assertEquals(List.of("an-c6", "an-c5", "an-c1"), ids(base + "&outcome=contained"));
    assertEquals(List.of("an-c3"), ids(base + "&rating=2"));
    assertEquals(List.of("an-c8", "an-c7", "an-c6", "an-c5", "an-c3", "an-c2", "an-c1"), ids(base));
    assertEquals(List.of(), ids(base + "&q=" + java.net.URLEncoder.encode("%' OR 1=1 --", "UTF-8")));

    JsonObject t = ok(admin.get("/api/admin/analytics/conversations/an-c1"), 200);
    assertEquals("contained", t.getString("outcome"));
    JsonObject bot = t.getJsonArray("messages").getJsonObject(1);
    assertEquals("track_order", bot.getString("intent"));
    assertEquals(0.9, bot.getDouble("confidence"), 1e-6);
    assertEquals("order_status", bot.getString("flow"));
    assertEquals("intent-2025-02", bot.getString("modelVersion"));
    JsonObject c2 = ok(admin.get("/api/admin/analytics/conversations/an-c2"), 200);
    assertEquals("handed_off", c2.getString("outcome"));
    assertEquals("shopper_asked", c2.getJsonArray("handoffs").getJsonObject(0).getString("reason"));
    assertEquals(5, c2.getJsonArray("ratings").getJsonObject(0).getInteger("rating"));
    assertEquals("an-returns", c2.getJsonArray("messages").getJsonObject(1).getJsonArray("sources")
      .getJsonObject(0).getString("id"));
  }

  private static List<String> ids(String uri) throws Exception {
    return ok(admin.get(uri), 200).getJsonArray("conversations").stream()
      .map(c -> ((JsonObject) c).getString("id")).toList();
  }
}
