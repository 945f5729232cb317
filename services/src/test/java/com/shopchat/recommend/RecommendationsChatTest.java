package com.shopchat.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.identity.ShopperIdentity;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal suggestions in a real conversation: the shipped model reads the request, the recommender trained on
 * the demo shop's browsing ranks, the shopper's own views steer it, and the cards come back with reasons and the
 * impression their clicks are attributed to.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Recommendations in the chat")
class RecommendationsChatTest {

  private static final String SECRET = "the-recommendations-chat-test-secret-40ch";
  private static final ShopperIdentity SIGNER = ShopperIdentity.create(SECRET, Duration.ofDays(1), Clock.systemUTC());
  private static final Set<String> FOOTWEAR = Set.of("FW-2001", "FW-2002", "FW-2003", "FW-2004", "FW-2005",
    "FW-2006", "FW-2007", "FW-2008", "FW-2009", "FW-2010", "FW-2011", "FW-2012");
  private static final String ADMIN = "rec-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("SHOP_IDENTITY_SECRET", SECRET, "NLU_MODEL_DIR", "shipped",
      "ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
    TrainingReport report = server.app().recommenderTraining().retrain().await(60, TimeUnit.SECONDS);
    assertTrue(report.usedEvents() > 1000, "the demo browsing is trained on: " + report);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static void viewed(ChatClient client, String... skus) throws Exception {
    for (String sku : skus) {
      String id = "view-" + UUID.randomUUID();
      client.send(new JsonObject().put("type", "event").put("event", new JsonObject().put("id", id)
        .put("type", "view").put("sku", sku).put("at", Instant.now().toString())));
      client.await(f -> "event_ack".equals(f.getString("type")) && id.equals(f.getString("id")));
    }
  }

  private static JsonObject botReplyTo(ChatClient client, String text) throws Exception {
    String id = "m-" + UUID.randomUUID();
    client.say(id, text);
    JsonObject echo = client.await(f -> "message".equals(f.getString("type")) && id.equals(f.getString("clientMsgId")));
    int seq = echo.getInteger("seq");
    return client.await(f -> "message".equals(f.getString("type")) && "bot".equals(f.getString("from"))
      && Integer.valueOf(seq).equals(f.getInteger("replyTo")));
  }

  private static List<String> skus(JsonArray cards) {
    List<String> out = new ArrayList<>();
    cards.forEach(c -> out.add(((JsonObject) c).getString("sku")));
    return out;
  }

  @Test
  @DisplayName("a shopper who viewed running shoes asks for recommendations and gets footwear, with reasons")
  void viewedRunningShoes(Vertx vertx) throws Exception {
    String visitor = "v-" + UUID.randomUUID();
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      JsonObject welcome = client.hello(visitor, null, null, "en");
      viewed(client, "FW-2008", "FW-2003", "FW-2008");
      JsonObject reply = botReplyTo(client, "What would you recommend for me?");
      assertEquals("recommendation_request", reply.getJsonObject("intent").getString("name"), reply.encodePrettily());
      JsonArray cards = reply.getJsonArray("cards");
      assertNotNull(cards, reply.encodePrettily());
      assertFalse(cards.isEmpty());
      List<String> shown = skus(cards);
      assertTrue(FOOTWEAR.contains(shown.get(0)), "the first suggestion is footwear: " + shown);
      String impression = cards.getJsonObject(0).getString("impressionId");
      assertNotNull(impression);
      for (Object c : cards) {
        JsonObject card = (JsonObject) c;
        assertEquals(impression, card.getString("impressionId"), "one impression for the cards shown together");
        assertFalse(card.getString("reason", "").isBlank(), "every card says why: " + card);
      }
      // The impression is recorded with what was shown, under the rolled-out default.
      String conversation = welcome.getString("conversationId");
      assertEquals(conversation, server.string(
        "SELECT conversation_id FROM recommendation_impressions WHERE impression_id = $1", impression));
      assertEquals(String.join(",", shown), server.string(
        "SELECT array_to_string(skus, ',') FROM recommendation_impressions WHERE impression_id = $1", impression));
      assertEquals("hybrid", server.string(
        "SELECT strategy FROM recommendation_impressions WHERE impression_id = $1", impression));

      // A click on the card comes back as an event carrying the impression.
      String click = "click-" + UUID.randomUUID();
      client.send(new JsonObject().put("type", "event").put("event", new JsonObject().put("id", click)
        .put("type", "click").put("sku", shown.get(0)).put("impressionId", impression)
        .put("at", Instant.now().toString())));
      client.await(f -> "event_ack".equals(f.getString("type")) && click.equals(f.getString("id")));
      assertEquals(impression, server.string("SELECT impression_id FROM behaviour_events WHERE event_id = $1", click));
    }
  }

  @Test
  @DisplayName("what the shopper asks for constrains the suggestions: a category, a budget")
  void constrainedByTheRequest(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      viewed(client, "FW-2008");
      JsonObject reply = botReplyTo(client, "Can you recommend something for my home under 50 euros?");
      JsonArray cards = reply.getJsonArray("cards");
      assertNotNull(cards, reply.encodePrettily());
      for (Object c : cards) {
        JsonObject card = (JsonObject) c;
        assertTrue(card.getString("sku").startsWith("HM-"), "home products only: " + card);
        assertTrue(card.getLong("priceCents") <= 5000, "within the budget: " + card);
      }
    }
  }

  @Test
  @DisplayName("after a delivered order's status, items that go with it, at most once in a while; none after a "
    + "complaint")
  void complementsAfterAnOrder(Vertx vertx) throws Exception {
    String token = SIGNER.sign("shopper-anna", Instant.now().plusSeconds(600));
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en", token);
      JsonObject status = botReplyTo(client, "Where is my order MT-100001?");
      assertEquals("track_order", status.getJsonObject("intent").getString("name"), status.encodePrettily());
      JsonArray cards = status.getJsonArray("cards");
      assertNotNull(cards, "complements after a delivered order: " + status.encodePrettily());
      assertFalse(skus(cards).contains("AP-1001"), "not the item already bought: " + skus(cards));
      assertTrue(status.getString("text").contains("You might also like"), status.getString("text"));
      // Asked again straight away: the pacing allows no second unasked suggestion yet.
      JsonObject again = botReplyTo(client, "Where is my order MT-100001?");
      assertNull(again.getJsonArray("cards"), again.encodePrettily());
      JsonObject complaint = botReplyTo(client, "I want to complain, the sweater arrived damaged and I'm very upset");
      assertNull(complaint.getJsonArray("cards"), complaint.encodePrettily());
    }
  }

  @Test
  @DisplayName("admins see what the serving model was trained on and retrain it; others may not")
  void adminRetrain(Vertx vertx) throws Exception {
    AdminClient anonymous = new AdminClient(vertx, server.port());
    assertEquals(401, anonymous.get("/api/admin/recommendations").statusCode());
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    assertEquals(403, admin.postWithoutCsrf("/api/admin/recommendations/retrain", null).statusCode());

    var retrained = admin.post("/api/admin/recommendations/retrain", null);
    assertEquals(200, retrained.statusCode(), retrained.bodyAsString());
    JsonObject report = retrained.bodyAsJsonObject();
    assertEquals(60, report.getInteger("products"));
    assertTrue(report.getLong("usedEvents") > 1000, report.encodePrettily());

    JsonObject status = admin.get("/api/admin/recommendations").bodyAsJsonObject();
    assertTrue(status.getBoolean("trained"));
    assertEquals(report.getString("trainedAt"), status.getJsonObject("lastTraining").getString("trainedAt"));
  }

  @Test
  @DisplayName("a running experiment's no-cards variant gets no personal picks: the request falls back to a search")
  void noCardsVariant(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    // Both variants without cards, so that whichever this visitor lands in, none are shown.
    JsonArray variants = new JsonArray();
    for (String strategy : List.of("hybrid", "popularity")) {
      variants.add(new JsonObject().put("name", "no cards " + strategy).put("strategy", strategy)
        .put("cardsEnabled", false).put("weight", 50));
    }
    var created = admin.post("/api/admin/experiments", new JsonObject().put("name", "No personal picks")
      .put("metric", "conversion").put("windowHours", 24).put("variants", variants));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    assertEquals(200, admin.post("/api/admin/experiments/" + id + "/start", null).statusCode());
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      viewed(client, "FW-2008");
      JsonObject reply = botReplyTo(client, "What would you recommend for me?");
      JsonArray cards = reply.getJsonArray("cards");
      assertNotNull(cards, "the popular products, from a plain search: " + reply.encodePrettily());
      cards.forEach(c -> assertNull(((JsonObject) c).getString("impressionId"), "not a personal pick: " + c));
    } finally {
      assertEquals(200, admin.post("/api/admin/experiments/" + id + "/stop", null).statusCode());
    }
  }

  @Test
  @DisplayName("a shopper who complained gets no unasked suggestions with their order's status")
  void noComplementsAfterAComplaint(Vertx vertx) throws Exception {
    String token = SIGNER.sign("shopper-anna", Instant.now().plusSeconds(600));
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en", token);
      botReplyTo(client, "This is ridiculous, your service is terrible and I'm very upset");
      JsonObject status = botReplyTo(client, "Where is my order MT-100001?");
      assertEquals("track_order", status.getJsonObject("intent").getString("name"), status.encodePrettily());
      assertTrue(status.getString("text").contains("MT-100001"), status.getString("text"));
      assertNull(status.getJsonArray("cards"), status.encodePrettily());
    }
  }
}
