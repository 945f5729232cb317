package com.shopchat.profile;

import static com.shopchat.events.EventsClient.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.EventSettings;
import com.shopchat.events.EventSource;
import com.shopchat.events.EventStore;
import com.shopchat.events.EventsClient;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import com.shopchat.recommend.ShopperProfile;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Shopper profiles over PostgreSQL and GET /api/admin/shoppers/{key}/profile")
class ShopperProfileApiTest {

  private static final String EMAIL = "profile-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static final String SECRET = "the-profile-test-secret-of-forty-characters";
  private static final ShopperIdentity SIGNER = ShopperIdentity.create(SECRET, Duration.ofDays(1), Clock.systemUTC());
  private static TestServer server;
  private static AdminClient admin;
  private static EventsClient shop;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD,
      "SHOP_IDENTITY_SECRET", SECRET, "EVENTS_RATE_PER_SECOND", "100000"));
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
    shop = new EventsClient(vertx, server.port(), EventSettings.DEMO_EVENTS_API_KEY);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static String id() {
    return "e-" + UUID.randomUUID();
  }

  private static JsonObject profile(String key) throws Exception {
    HttpResponse<Buffer> response = admin.get("/api/admin/shoppers/" + key + "/profile");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("an anonymous visitor's views become the shopper's when the visitor signs in")
  void mergeOnSignIn(Vertx vertx) throws Exception {
    String v = "v-" + UUID.randomUUID();
    String shopper = "shopper-" + UUID.randomUUID();
    Instant start = Instant.now().minusSeconds(60);
    assertEquals(202, shop.post(event(id(), "view", v, "FW-2001").put("at", start.toString()),
      event(id(), "view", v, "FW-2009").put("at", start.plusSeconds(1).toString()),
      event(id(), "add_to_cart", v, "FW-2009").put("at", start.plusSeconds(2).toString())).statusCode());
    assertEquals(List.of(), profile(shopper).getJsonArray("recentViews").getList());

    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello(v, null, null, "zh", SIGNER.sign(shopper, Instant.now().plusSeconds(600)));
    }

    JsonObject profile = profile(shopper);
    assertEquals(new JsonArray().add("FW-2009").add("FW-2001"), profile.getJsonArray("recentViews"));
    assertEquals(new JsonArray().add("FW-2009"), profile.getJsonArray("cart"));
    assertEquals(6.0, profile.getJsonObject("categoryAffinity").getDouble("footwear"), 0.01);
    assertEquals("zh", profile.getString("locale"));
    assertEquals(shopper, profile.getString("key"));
    assertEquals(3, server.count("SELECT count(*) FROM behaviour_events WHERE shopper_id = $1", shopper));
  }

  @Test
  @DisplayName("the profile shows affinities, price band, cart and purchases from stored events")
  void profileJson() throws Exception {
    String v = "v-" + UUID.randomUUID();
    Instant start = Instant.now().minusSeconds(60);
    JsonObject purchase = event(id(), "purchase", v, null).put("skus", new JsonArray().add("OD-5001").add("OD-5005"))
      .put("at", start.plusSeconds(3).toString());
    purchase.remove("sku");
    assertEquals(202, shop.post(event(id(), "view", v, "OD-5009").put("at", start.toString()),
      event(id(), "add_to_cart", v, "OD-5001").put("at", start.plusSeconds(1).toString()),
      event(id(), "add_to_cart", v, "HM-3001").put("at", start.plusSeconds(2).toString()), purchase).statusCode());

    JsonObject profile = profile(v);
    assertEquals(new JsonArray().add("HM-3001"), profile.getJsonArray("cart"));
    assertEquals(new JsonArray().add("OD-5001").add("OD-5005"), profile.getJsonArray("purchased"));
    // 2900, 8900, 8900
    assertEquals(new JsonObject().put("lowCents", 2900).put("highCents", 8900), profile.getJsonObject("priceBand"));
    assertEquals(List.of("outdoor", "home"), List.copyOf(profile.getJsonObject("categoryAffinity").fieldNames()));
    assertEquals("en", profile.getString("locale"));
  }

  @Test
  @DisplayName("needs a signed-in admin")
  void staffOnly(Vertx vertx) throws Exception {
    WebClient http = WebClient.create(vertx);
    HttpResponse<Buffer> response = http.get(server.port(), "127.0.0.1", "/api/admin/shoppers/v-1/profile").send()
      .await(30, TimeUnit.SECONDS);
    assertEquals(401, response.statusCode(), response.bodyAsString());
  }

  @Test
  @DisplayName("with a fixed clock: a view 14 days old weighs half a fresh one, read back from PostgreSQL")
  void decayFromDatabase() throws Exception {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    EventStore store = new EventStore(server.pool());
    ProfileService profiles = new ProfileService(server.pool(), store, Duration.ofDays(14),
      Clock.fixed(now, ZoneOffset.UTC));
    String v = "v-" + UUID.randomUUID();
    store.ingest(List.of(
      new BehaviourEvent(id(), EventType.VIEW, v, null, List.of("EL-4001"), now.minus(Duration.ofDays(14)),
        null, null, null, null),
      new BehaviourEvent(id(), EventType.VIEW, v, null, List.of("HM-3001"), now, null, null, null, null)),
      EventSource.API).await(10, TimeUnit.SECONDS);

    ShopperProfile profile = profiles.profile(v, null).await(10, TimeUnit.SECONDS);
    assertEquals(0.5, profile.categoryAffinity().get("electronics"), 1e-9);
    assertEquals(1.0, profile.categoryAffinity().get("home"), 1e-9);
    assertEquals(0.5, profile.brandAffinity().get("Voltix"), 1e-9);
    assertEquals(List.of("HM-3001", "EL-4001"), profile.recentViews());
    assertTrue(profile.purchased().isEmpty());
  }

  @Test
  @DisplayName("the training read gives the events since a time, newest last and bounded")
  void allSince() throws Exception {
    EventStore store = new EventStore(server.pool());
    Instant base = Instant.parse("2030-01-01T00:00:00Z");
    String v = "v-" + UUID.randomUUID();
    List<BehaviourEvent> events = List.of(
      new BehaviourEvent("t1-" + v, EventType.VIEW, v, null, List.of("A"), base, null, null, null, null),
      new BehaviourEvent("t2-" + v, EventType.VIEW, v, null, List.of("B"), base.plusSeconds(1), null, null, null, null),
      new BehaviourEvent("t3-" + v, EventType.VIEW, v, null, List.of("C"), base.plusSeconds(2), null, null, null, null));
    store.ingest(events, EventSource.API).await(10, TimeUnit.SECONDS);

    List<BehaviourEvent> since = store.allSince(base.plusMillis(500), 10).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("t2-" + v, "t3-" + v), since.stream().map(BehaviourEvent::eventId).toList());
    assertEquals(events.get(2), since.get(1));
    assertEquals(List.of("t3-" + v), store.allSince(base, 1).await(10, TimeUnit.SECONDS).stream()
      .map(BehaviourEvent::eventId).toList());
  }
}
