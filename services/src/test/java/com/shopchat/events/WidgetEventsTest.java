package com.shopchat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.EventSettings;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Behaviour events from the widget and the chat, and the events API's rate limit")
class WidgetEventsTest {

  private static final String SECRET = "the-widget-events-test-secret-of-40-chars";
  private static final ShopperIdentity SIGNER = ShopperIdentity.create(SECRET, Duration.ofDays(1), Clock.systemUTC());
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("SHOP_IDENTITY_SECRET", SECRET, "EVENTS_RATE_PER_SECOND", "2"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static String visitor() {
    return "v-" + UUID.randomUUID();
  }

  private static JsonObject eventFrame(JsonObject event) {
    return new JsonObject().put("type", "event").put("event", event);
  }

  private static JsonObject view(String id, String sku) {
    return new JsonObject().put("id", id).put("type", "view").put("sku", sku).put("at", Instant.now().toString());
  }

  private static JsonObject ack(ChatClient client, String id) throws InterruptedException {
    return client.await(f -> "event_ack".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  @Test
  @DisplayName("an event frame is stored as the socket's visitor, whatever visitor or shopper it claims, and acked")
  void storedAsTheSocketsVisitor(Vertx vertx) throws Exception {
    String v = visitor();
    String id = "w-" + UUID.randomUUID();
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello(v, null, null, "en");
      client.send(eventFrame(view(id, "OD-5001").put("visitorId", "v-someone-else").put("shopperId", "shopper-x")));
      JsonObject ack = ack(client, id);
      assertFalse(ack.getBoolean("duplicate"));
      client.send(eventFrame(view(id, "OD-5001")));
      assertTrue(ack(client, id).getBoolean("duplicate"));
    }
    assertEquals(v, server.string("SELECT visitor_id FROM behaviour_events WHERE event_id = $1", id));
    assertNull(server.value("SELECT shopper_id FROM behaviour_events WHERE event_id = $1", id));
    assertEquals("widget", server.string("SELECT source FROM behaviour_events WHERE event_id = $1", id));
    assertEquals(0, server.count("SELECT count(*) FROM behaviour_events WHERE visitor_id = 'v-someone-else'"));
  }

  @Test
  @DisplayName("a verified shopper's widget events carry the shopper the token vouched for")
  void verifiedShopper(Vertx vertx) throws Exception {
    String id = "w-" + UUID.randomUUID();
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello(visitor(), null, null, "en", SIGNER.sign("shopper-widget", Instant.now().plusSeconds(600)));
      client.send(eventFrame(view(id, "OD-5005").put("shopperId", "shopper-forged")));
      ack(client, id);
    }
    assertEquals("shopper-widget", server.string("SELECT shopper_id FROM behaviour_events WHERE event_id = $1", id));
  }

  @Test
  @DisplayName("an invalid event frame gets an invalid_event error naming it, and nothing is stored")
  void invalidEvent(Vertx vertx) throws Exception {
    String id = "w-" + UUID.randomUUID();
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello(visitor(), null, null, "en");
      client.send(eventFrame(view(id, "OD-5005").put("rating", 9)));
      JsonObject error = client.awaitError();
      assertEquals("invalid_event", error.getString("code"));
      assertEquals(id, error.getString("id"));
      client.send(new JsonObject().put("type", "event").put("event", "view"));
      assertEquals("missing_field", client.awaitError().getString("code"));
    }
    assertEquals(0, server.count("SELECT count(*) FROM behaviour_events WHERE event_id = $1", id));
  }

  @Test
  @DisplayName("an event frame before hello is refused with not_started")
  void beforeHello(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.send(eventFrame(view("w-" + UUID.randomUUID(), "OD-5005")));
      assertEquals("not_started", client.awaitError().getString("code"));
    }
  }

  @Test
  @DisplayName("what the shopper asks the bot for becomes a chat search of catalog terms, never their words")
  void chatSearch(Vertx vertx) throws Exception {
    String v = visitor();
    String conversationId;
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      conversationId = client.hello(v, null, null, "en").getString("conversationId");
      client.say("m-1", "do you have Stridewell boots? my email is anna@example.com");
      client.awaitMessage("bot");
    }
    String eventId = "chat:" + conversationId + ":1";
    String query = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (query == null && System.nanoTime() < deadline) {
      query = server.string("SELECT query FROM behaviour_events WHERE event_id = $1 AND source = 'chat'", eventId);
    }
    assertNotNull(query, "no chat search recorded");
    assertTrue(query.contains("brand:Stridewell"), query);
    assertFalse(query.contains("anna") || query.contains("do you have"), query);
    assertEquals(v, server.string("SELECT visitor_id FROM behaviour_events WHERE event_id = $1", eventId));
  }

  @Test
  @DisplayName("more batches per second than the key may send are refused with 429 and not stored")
  void rateLimited(Vertx vertx) throws Exception {
    EventsClient shop = new EventsClient(vertx, server.port(), EventSettings.DEMO_EVENTS_API_KEY);
    String v = visitor();
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> response = shop.post(EventsClient.event("r-" + UUID.randomUUID(), "view", v, "OD-5009"));
      if (response.statusCode() == 429) {
        refused++;
        assertEquals("too_many_requests", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
      } else {
        assertEquals(202, response.statusCode(), response.bodyAsString());
      }
    }
    assertTrue(refused > 0, "no 429 in 6 quick batches at 2 per second");
    assertEquals(6 - refused, server.count("SELECT count(*) FROM behaviour_events WHERE visitor_id = $1", v));
  }
}
