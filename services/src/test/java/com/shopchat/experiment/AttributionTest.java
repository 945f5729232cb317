package com.shopchat.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.recommend.Impression;
import com.shopchat.recommend.Strategy;
import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attribution on a scripted journey: impressions recorded through the service as the chat records them, behaviour
 * events stored as the events API stores them, and the per-variant funnel read from the admin API.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Experiment attribution")
class AttributionTest {

  private static final String EMAIL = "attribution-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

  private static TestServer server;
  private static AdminClient admin;
  private static ExperimentService experiments;
  private static String experimentId;
  private static int eventNumber;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD));
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
    experiments = server.app().experiments();
    var created = admin.post("/api/admin/experiments", ExperimentAdminApiTest.abTest("Journey"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    experimentId = created.bodyAsJsonObject().getString("id");
    assertEquals(200, admin.post("/api/admin/experiments/" + experimentId + "/start", null).statusCode());
    script();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static void shown(String id, String variant, String visitor, String shopper, List<String> skus)
    throws Exception {
    Strategy strategy = "A".equals(variant) ? Strategy.HYBRID : Strategy.POPULARITY;
    experiments.recordImpression(new Impression(id, "conv-" + id, visitor, shopper, variant == null ? null
      : experimentId, variant, strategy, skus, T0)).await(10, TimeUnit.SECONDS);
  }

  private static void event(String type, String visitor, String shopper, List<String> skus, Duration after,
    Long priceCents, String impressionId) throws Exception {
    server.pool().preparedQuery("""
        INSERT INTO behaviour_events (event_id, type, visitor_id, shopper_id, skus, occurred_at, price_cents,
          impression_id, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'api')""")
      .execute(Tuple.from(new Object[] {"ev-" + (++eventNumber), type, visitor, shopper, skus.toArray(String[]::new),
        OffsetDateTime.ofInstant(T0.plus(after), ZoneOffset.UTC), priceCents, impressionId}))
      .await(10, TimeUnit.SECONDS);
  }

  /** The journey; the experiment's window is 24 hours. */
  private static void script() throws Exception {
    // A1: a card click naming the impression, then a purchase of one of its skus two hours later.
    shown("A1", "A", "v1", null, List.of("S1", "S2"));
    shown("A1", "A", "v1", null, List.of("S1", "S2")); // recorded twice: still one impression
    event("click", "v1", null, List.of("S1"), Duration.ofMinutes(1), null, "A1");
    event("purchase", "v1", null, List.of("S2", "S9"), Duration.ofHours(2), 4999L, null);
    // A2: clicked (by the visitor on its sku, no impression id) and added to the cart (naming it), not bought.
    shown("A2", "A", "v2", null, List.of("S3"));
    event("click", "v2", null, List.of("S3"), Duration.ofMinutes(5), null, null);
    event("add_to_cart", "v2", null, List.of("S3"), Duration.ofMinutes(6), null, "A2");
    // A3: bought by its shopper, but 25 hours later (outside the window); bought before it was shown; clicked by
    // someone else; bought by the visitor but another sku. None of it counts.
    shown("A3", "A", "v3", "sh3", List.of("S4"));
    event("purchase", "v3-phone", "sh3", List.of("S4"), Duration.ofHours(25), 2500L, null);
    event("purchase", "v3", null, List.of("S4"), Duration.ofHours(-1), 2500L, null);
    event("click", "v9", null, List.of("S4"), Duration.ofMinutes(1), null, null);
    event("purchase", "v3", null, List.of("S7"), Duration.ofHours(1), 800L, null);
    // A4: bought inside the window by its shopper on another device.
    shown("A4", "A", "v4", "sh4", List.of("S5"));
    event("purchase", "v4-phone", "sh4", List.of("S5"), Duration.ofHours(3), 1500L, null);
    // B1: nothing. B2: clicked twice, counted once; a view is not a click.
    shown("B1", "B", "v5", null, List.of("S1"));
    shown("B2", "B", "v6", null, List.of("S1"));
    event("click", "v6", null, List.of("S1"), Duration.ofMinutes(1), null, null);
    event("click", "v6", null, List.of("S1"), Duration.ofMinutes(2), null, null);
    event("view", "v5", null, List.of("S1"), Duration.ofMinutes(2), null, null);
    // Outside the experiment: not counted for any variant.
    shown("X1", null, "v1", null, List.of("S1", "S2"));
  }

  private static JsonObject results() throws Exception {
    var response = admin.get("/api/admin/experiments/" + experimentId);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("results");
  }

  private static JsonObject variant(JsonObject results, String name) {
    return results.getJsonArray("variants").stream().map(v -> (JsonObject) v)
      .filter(v -> v.getString("name").equals(name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("counts each impression at most once per stage: A 4 shown, 2 clicked, 1 carted, 2 bought; B 2, 1, 0, 0")
  void countsPerVariant() throws Exception {
    JsonObject results = results();
    JsonObject a = variant(results, "A");
    assertEquals(List.of(4L, 2L, 1L, 2L, 6499L), List.of(a.getLong("impressions"), a.getLong("clicks"),
      a.getLong("addToCarts"), a.getLong("purchases"), a.getLong("revenueCents")), a.encode());
    JsonObject b = variant(results, "B");
    assertEquals(List.of(2L, 1L, 0L, 0L, 0L), List.of(b.getLong("impressions"), b.getLong("clicks"),
      b.getLong("addToCarts"), b.getLong("purchases"), b.getLong("revenueCents")), b.encode());
    assertEquals(6, server.count("SELECT count(*) FROM recommendation_impressions WHERE experiment_id = $1",
      experimentId));
  }

  @Test
  @DisplayName("shows CTR and conversion with Wilson intervals, the test against the control, and the leader")
  void ratesAndTests() throws Exception {
    JsonObject results = results();
    assertEquals("conversion", results.getString("metric"));
    assertEquals("A", results.getString("leader"));
    JsonObject a = variant(results, "A");
    assertTrue(a.getBoolean("control"));
    assertEquals(0.5, a.getJsonObject("conversion").getDouble("rate"), 1e-12);
    assertEquals(Stats.wilson(2, 4).low(), a.getJsonObject("conversion").getDouble("low"), 1e-12);
    assertEquals(Stats.wilson(2, 4).high(), a.getJsonObject("conversion").getDouble("high"), 1e-12);
    assertNull(a.getJsonObject("conversion").getDouble("p"), "the control is not tested against itself");

    JsonObject b = variant(results, "B");
    assertEquals(0.5, b.getJsonObject("ctr").getDouble("rate"), 1e-12);
    Stats.ZTest conversion = Stats.twoProportion(2, 4, 0, 2);
    assertEquals(conversion.z(), b.getJsonObject("conversion").getDouble("z"), 1e-12);
    assertEquals(conversion.p(), b.getJsonObject("conversion").getDouble("p"), 1e-12);
    assertFalse(b.getJsonObject("conversion").getBoolean("significant"), "six impressions prove nothing");
    assertEquals(0, b.getJsonObject("ctr").getDouble("z"), 1e-12, "equal CTRs");
  }

  @Test
  @DisplayName("impressions outside any experiment are stored but belong to no variant")
  void outsideExperiment() throws Exception {
    assertNull(server.string("SELECT experiment_id FROM recommendation_impressions WHERE impression_id = 'X1'"));
    JsonArray variants = results().getJsonArray("variants");
    assertEquals(6L, variants.stream().mapToLong(v -> ((JsonObject) v).getLong("impressions")).sum());
  }
}
