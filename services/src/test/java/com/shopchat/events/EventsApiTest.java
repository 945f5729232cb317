package com.shopchat.events;

import static com.shopchat.events.EventsClient.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.EventSettings;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
@DisplayName("POST /api/events")
class EventsApiTest {

  private static TestServer server;
  private static EventsClient shop;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("EVENTS_RATE_PER_SECOND", "100000"));
    shop = new EventsClient(vertx, server.port(), EventSettings.DEMO_EVENTS_API_KEY);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static String id() {
    return "e-" + UUID.randomUUID();
  }

  private static String visitor() {
    return "v-" + UUID.randomUUID();
  }

  private static long storedFor(String visitorId) throws Exception {
    return server.count("SELECT count(*) FROM behaviour_events WHERE visitor_id = $1", visitorId);
  }

  private static JsonObject accepted(HttpResponse<Buffer> response) {
    assertEquals(202, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"));
    return error;
  }

  @Test
  @DisplayName("stores a valid batch of every type with its fields and answers 202 with the count")
  void validBatch() throws Exception {
    String v = visitor();
    String view = id();
    String rated = id();
    Instant hourAgo = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    JsonObject purchase = event(id(), "purchase", v, null).put("skus", new JsonArray().add("FW-2009").add("AP-1001"))
      .put("shopperId", "shopper-anna").put("priceCents", 24800).put("impressionId", "imp-1");
    purchase.remove("sku");
    JsonObject search = event(id(), "search", v, null).put("query", "brand:Stridewell boots");
    search.remove("sku");
    JsonObject result = accepted(shop.post(event(view, "view", v, "FW-2009"), event(id(), "click", v, "FW-2009"),
      event(id(), "add_to_cart", v, "FW-2009"), event(id(), "remove_from_cart", v, "FW-2009"), purchase, search,
      event(rated, "rate", v, "FW-2009").put("rating", 5).put("at", hourAgo.atOffset(ZoneOffset.ofHours(2)).toString())));

    assertEquals(new JsonObject().put("accepted", 7).put("duplicates", 0), result);
    assertEquals(7, storedFor(v));
    assertEquals("api", server.string("SELECT source FROM behaviour_events WHERE event_id = $1", view));
    assertEquals("{FW-2009,AP-1001}", server.string("SELECT skus::text FROM behaviour_events WHERE event_id = $1",
      purchase.getString("id")));
    assertEquals("shopper-anna", server.string("SELECT shopper_id FROM behaviour_events WHERE event_id = $1",
      purchase.getString("id")));
    assertEquals("24800", server.string("SELECT price_cents FROM behaviour_events WHERE event_id = $1",
      purchase.getString("id")));
    assertEquals(hourAgo, server.pool()
      .preparedQuery("SELECT occurred_at FROM behaviour_events WHERE event_id = $1")
      .execute(Tuple.of(rated)).await(10, TimeUnit.SECONDS).iterator().next()
      .getOffsetDateTime(0).toInstant());
    assertEquals("brand:Stridewell boots", server.string("SELECT query FROM behaviour_events WHERE event_id = $1",
      search.getString("id")));
  }

  @Test
  @DisplayName("a resent batch is counted as duplicates and stored once")
  void resend() throws Exception {
    String v = visitor();
    JsonObject[] batch = {event(id(), "view", v, "HM-3001"), event(id(), "view", v, "HM-3005")};
    accepted(shop.post(batch));
    JsonObject again = accepted(shop.post(batch[0], batch[1], event(id(), "view", v, "HM-3009")));

    assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 2), again);
    assertEquals(3, storedFor(v));
  }

  @Test
  @DisplayName("an id repeated within one batch counts once")
  void repeatedInBatch() throws Exception {
    String v = visitor();
    String same = id();
    JsonObject result = accepted(shop.post(event(same, "view", v, "HM-3001"), event(same, "view", v, "HM-3005")));

    assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 1), result);
    assertEquals("{HM-3001}", server.string("SELECT skus::text FROM behaviour_events WHERE event_id = $1", same));
  }

  @Test
  @DisplayName("one invalid event refuses the whole batch: 400 naming every bad event by index, nothing stored")
  void invalidEventRefusesBatch() throws Exception {
    String v = visitor();
    JsonObject noSku = event(id(), "view", v, null);
    noSku.remove("sku");
    JsonObject future = event(id(), "view", v, "HM-3001").put("at", Instant.now().plusSeconds(3600).toString());
    JsonObject error = error(shop.post(event(id(), "view", v, "HM-3001"), event(id(), "teleport", v, "HM-3001"),
      noSku, event(id(), "view", v, "HM-3001").put("rating", 4), future,
      event(id(), "rate", v, "HM-3001").put("rating", 6), event(id(), "view", v, "HM-3001").put("query", "x"),
      event(id(), "view", v, "HM-3001").put("at", "yesterday"), event("", "view", v, "HM-3001")), 400,
      "invalid_events");

    JsonArray bad = error.getJsonArray("events");
    List<Integer> indexes = new ArrayList<>();
    bad.forEach(p -> indexes.add(((JsonObject) p).getInteger("index")));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), indexes);
    assertTrue(bad.getJsonObject(0).getString("reason").contains("'type'"), bad.encode());
    assertTrue(bad.getJsonObject(3).getString("reason").contains("future"), bad.encode());
    assertEquals(0, storedFor(v));
  }

  @Test
  @DisplayName("refuses a wrong key and no key with 401, storing nothing")
  void wrongKey() throws Exception {
    String v = visitor();
    String body = new JsonObject().put("events", new JsonArray().add(event(id(), "view", v, "HM-3001"))).encode();
    error(shop.postBody(body, "demo-events-kez"), 401, "unauthorized");
    error(shop.postBody(body, null), 401, "unauthorized");
    assertEquals(0, storedFor(v));
  }

  @Test
  @DisplayName("answers malformed JSON, a JSON array and a body without events with 400")
  void malformed() throws Exception {
    error(shop.postBody("{\"events\": [ {"), 400, "bad_json");
    error(shop.postBody("[]"), 400, "bad_json");
    error(shop.postBody("{\"events\": []}"), 400, "invalid_field");
    error(shop.postBody("{\"events\": [42]}"), 400, "invalid_events");
  }

  @Test
  @DisplayName("refuses a batch of more than 500 events with 400, and a body over 1 MiB with 413")
  void oversized() throws Exception {
    String v = visitor();
    JsonArray many = new JsonArray();
    for (int i = 0; i < EventsApi.MAX_BATCH + 1; i++) {
      many.add(event(id(), "view", v, "HM-3001"));
    }
    error(shop.postBody(new JsonObject().put("events", many).encode()), 400, "too_many_events");
    String huge = new JsonObject().put("events", new JsonArray().add(event(id(), "view", v, "HM-3001")))
      .put("padding", "x".repeat((int) EventsApi.BODY_LIMIT)).encode();
    assertEquals(413, shop.postBody(huge).statusCode());
    assertEquals(0, storedFor(v));
  }

  @Test
  @DisplayName("stores SQL in ids and queries verbatim, as data")
  void injection() throws Exception {
    String v = "v'||(SELECT/**/pg_sleep(0))||'" + UUID.randomUUID();
    String nasty = "x');DROP/**/TABLE/**/behaviour_events;--" + UUID.randomUUID();
    JsonObject search = event(nasty, "search", v, null).put("query", "'; DELETE FROM behaviour_events; --");
    search.remove("sku");
    accepted(shop.post(search, event(id(), "view", v, "HM-3001\"}{")));

    assertEquals(2, storedFor(v));
    assertEquals("'; DELETE FROM behaviour_events; --",
      server.string("SELECT query FROM behaviour_events WHERE event_id = $1", nasty));
    assertEquals("{\"HM-3001\\\"}{\"}", server.string(
      "SELECT skus::text FROM behaviour_events WHERE visitor_id = $1 AND type = 'view'", v));
  }

  @Test
  @DisplayName("refuses ids with spaces or control characters and over-long ids")
  void badIds() throws Exception {
    String v = visitor();
    error(shop.post(event("has space", "view", v, "HM-3001")), 400, "invalid_events");
    error(shop.post(event("a\u0000b", "view", v, "HM-3001")), 400, "invalid_events");
    error(shop.post(event("x".repeat(129), "view", v, "HM-3001")), 400, "invalid_events");
    assertEquals(0, storedFor(v));
    assertNull(server.value("SELECT event_id FROM behaviour_events WHERE event_id = 'has space'"));
  }
}
