package com.shopchat.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Promotions end to end: the admin API defines and activates a coupon, a shopper whose cart is above the threshold
 * is offered it once in the chat (never after a complaint), the tap is a click, and a purchase redeems it.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Promotions")
class PromotionsTest {

  private static final String EMAIL = "promo-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static final String BASE = "/api/admin/promotions";
  /** The demo shop's Northpeak Trail Running Shoe, 139.00 EUR. */
  private static final String SHOE = "FW-2008";

  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // The shipped model: it reads a complaint as one (the baseline does not).
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD,
      "NLU_MODEL_DIR", "shipped"));
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** Each test decides which promotions are active. */
  @BeforeEach
  void noneActive() throws Exception {
    server.value("UPDATE promotions SET active = false");
  }

  static JsonObject cartAbove(String code, long cents) {
    return new JsonObject().put("name", "Big cart " + code).put("code", code).put("percentOff", 10)
      .put("rule", "cart_above").put("thresholdCents", cents)
      .put("textEn", "Your cart qualifies: 10 % off with code " + code + ".").put("textZh", "满额九折：" + code);
  }

  static JsonObject without(JsonObject body, String field) {
    body.remove(field);
    return body;
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"), response.bodyAsString());
  }

  private static String activeCoupon(JsonObject definition) throws Exception {
    String id = ok(admin.post(BASE, definition), 201).getString("id");
    assertTrue(ok(admin.post(BASE + "/" + id + "/activate", null), 200).getBoolean("active"));
    return id;
  }

  private static void event(ChatClient client, String type, String sku, String id) throws Exception {
    event(client, new JsonObject().put("id", id).put("type", type).put("sku", sku));
  }

  private static void event(ChatClient client, JsonObject event) throws Exception {
    String id = event.getString("id");
    client.send(new JsonObject().put("type", "event").put("event", event.put("at", Instant.now().toString())));
    client.await(f -> "event_ack".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  private static JsonObject results(String id) throws Exception {
    return ok(admin.get(BASE + "/" + id + "/results"), 200).getJsonObject("results");
  }

  private static JsonObject botReplyTo(ChatClient client, String text, String payload) throws Exception {
    String id = "m-" + UUID.randomUUID();
    JsonObject frame = new JsonObject().put("type", "message").put("clientMsgId", id).put("text", text);
    if (payload != null) {
      frame.put("payload", payload);
    }
    client.send(frame);
    JsonObject echo = client.await(f -> "message".equals(f.getString("type")) && id.equals(f.getString("clientMsgId")));
    int seq = echo.getInteger("seq");
    return client.await(f -> "message".equals(f.getString("type")) && "bot".equals(f.getString("from"))
      && Integer.valueOf(seq).equals(f.getInteger("replyTo")));
  }

  /** The payload of the reply's coupon button, or null. */
  private static String couponPayload(JsonObject reply) {
    JsonArray buttons = reply.getJsonArray("quickReplies", new JsonArray());
    return buttons.stream().map(b -> ((JsonObject) b).getString("payload"))
      .filter(p -> p.startsWith("/promo:")).findFirst().orElse(null);
  }

  @Test
  @DisplayName("creates an inactive promotion, lists, reads, edits, activates and deactivates it")
  void lifecycle() throws Exception {
    JsonObject created = ok(admin.post(BASE, cartAbove("LIFE10", 5_000)), 201);
    String id = created.getString("id");
    assertFalse(created.getBoolean("active"));
    assertEquals(EMAIL, created.getString("createdBy"));
    assertEquals(1, created.getInteger("maxOffersPerConversation"));
    assertEquals(72, created.getInteger("attributionHours"));
    assertTrue(ok(admin.get(BASE), 200).getJsonArray("promotions").stream()
      .anyMatch(p -> ((JsonObject) p).getString("id").equals(id)));

    JsonObject edited = ok(admin.put(BASE + "/" + id, cartAbove("LIFE15", 8_000).put("percentOff", 15)
      .put("maxOffersPerConversation", 2)), 200);
    assertEquals("LIFE15", edited.getString("code"));
    assertEquals(15, edited.getInteger("percentOff"));
    assertEquals(8_000L, edited.getLong("thresholdCents"));
    assertEquals(2, edited.getInteger("maxOffersPerConversation"));
    assertEquals("LIFE15", ok(admin.get(BASE + "/" + id), 200).getString("code"));

    assertTrue(ok(admin.post(BASE + "/" + id + "/activate", null), 200).getBoolean("active"));
    assertFalse(ok(admin.post(BASE + "/" + id + "/deactivate", null), 200).getBoolean("active"));
    JsonObject results = ok(admin.get(BASE + "/" + id + "/results"), 200).getJsonObject("results");
    assertEquals(0L, results.getLong("offers"));
    assertNull(results.getValue("clickRate"));
  }

  @Test
  @DisplayName("a bad definition is a 400 naming the problem, a taken code a 409, an unknown id a 404; nothing stored")
  void refusesBadDefinitions() throws Exception {
    ok(admin.post(BASE, cartAbove("TAKEN", 5_000)), 201);
    long before = server.count("SELECT count(*) FROM promotions");
    JsonObject[] bad = {
      cartAbove("lower", 5_000),
      cartAbove("OK10", 5_000).put("amountOffCents", 500),
      without(cartAbove("OK10", 5_000), "percentOff"),
      cartAbove("OK10", 5_000).put("percentOff", 95),
      cartAbove("OK10", 5_000).put("percentOff", 9.5),
      without(cartAbove("OK10", 5_000), "thresholdCents"),
      cartAbove("OK10", 5_000).put("rule", "birthday"),
      cartAbove("OK10", 5_000).put("rule", "hesitating"),
      cartAbove("OK10", 5_000).put("textZh", " "),
      cartAbove("OK10", 5_000).put("textEn", "x".repeat(501)),
      cartAbove("OK10", 5_000).put("maxOffersPerConversation", 0),
      cartAbove("OK10", 5_000).put("validFrom", "tomorrow"),
      cartAbove("OK10", 5_000).put("validFrom", "2026-12-24T00:00:00Z").put("validTo", "2026-12-01T00:00:00Z"),
      cartAbove("OK10", 5_000).put("name", 42),
    };
    for (JsonObject body : bad) {
      assertError(admin.post(BASE, body), 400, "invalid_field");
    }
    assertError(admin.post(BASE, cartAbove("OK10", 5_000).put("discount", 10)), 400, "unknown_field");
    assertError(admin.postText(BASE, "application/json", "{not json"), 400, "bad_json");
    assertError(admin.post(BASE, cartAbove("TAKEN", 9_000)), 409, "code_taken");
    assertError(admin.get(BASE + "/promo-nothere"), 404, "not_found");
    assertError(admin.put(BASE + "/promo-nothere", cartAbove("NEW10", 5_000)), 404, "not_found");
    assertError(admin.post(BASE + "/promo-nothere/activate", null), 404, "not_found");
    assertError(admin.get(BASE + "/promo-nothere/results"), 404, "not_found");
    assertEquals(before, server.count("SELECT count(*) FROM promotions"));
  }

  @Test
  @DisplayName("a shopper with a cart above the threshold is offered the coupon once, the tap is a click, and a "
    + "purchase redeems it")
  void offeredOnceClickedAndRedeemed(Vertx vertx) throws Exception {
    String id = activeCoupon(cartAbove("BIGCART10", 10_000));
    String purchase = "buy-" + UUID.randomUUID();
    String visitor = "v-" + UUID.randomUUID();
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      String conversation = client.hello(visitor, null, null, "en").getString("conversationId");
      JsonObject before = botReplyTo(client, "hello", null);
      assertNull(couponPayload(before), "an empty cart is not above the threshold: " + before.encodePrettily());

      event(client, "add_to_cart", SHOE, "cart-" + UUID.randomUUID());
      JsonObject offered = botReplyTo(client, "what is your return policy?", null);
      String payload = couponPayload(offered);
      assertNotNull(payload, offered.encodePrettily());
      assertTrue(offered.getString("text").contains("BIGCART10"), offered.getString("text"));
      String offerId = payload.substring("/promo:".length());
      assertEquals(conversation, server.string(
        "SELECT conversation_id FROM promotion_offers WHERE offer_id = $1 AND promotion_id = $2", offerId, id));

      JsonObject again = botReplyTo(client, "how long does delivery take?", null);
      assertNull(couponPayload(again), "at most once per conversation: " + again.encodePrettily());

      JsonObject tapped = botReplyTo(client, "Use code BIGCART10", payload);
      assertTrue(tapped.getString("text").contains("BIGCART10"), tapped.encodePrettily());
      assertEquals(1L, server.count("SELECT count(*) FROM promotion_offers WHERE offer_id = $1 "
        + "AND clicked_at IS NOT NULL", offerId));

      // A purchase naming another code redeems nothing; one naming this code (any case) redeems the offer.
      event(client, new JsonObject().put("id", "buy-" + UUID.randomUUID()).put("type", "purchase").put("sku", SHOE)
        .put("coupon", "OTHER5"));
      assertEquals(0L, results(id).getLong("redemptions"));
      event(client, new JsonObject().put("id", purchase).put("type", "purchase").put("sku", SHOE)
        .put("coupon", "bigcart10"));
    }
    JsonObject results = results(id);
    assertEquals(1L, results.getLong("offers"));
    assertEquals(1L, results.getLong("clicks"));
    assertEquals(1L, results.getLong("redemptions"));
    assertEquals(1.0, results.getDouble("redemptionRate"));
    assertEquals(purchase, server.string("SELECT order_id FROM promotion_offers WHERE promotion_id = $1", id));
  }

  @Test
  @DisplayName("a first-purchase coupon is offered to a new shopper, and a purchase within the window without a "
    + "code redeems it; a coupon on another event type is refused")
  void firstPurchaseRedeemedInWindow(Vertx vertx) throws Exception {
    String id = activeCoupon(new JsonObject().put("name", "Welcome").put("code", "WELCOME5")
      .put("amountOffCents", 500).put("rule", "first_purchase").put("textEn", "5 EUR off your first order: WELCOME5")
      .put("textZh", "首单立减5欧元：WELCOME5"));
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "zh");
      JsonObject offered = botReplyTo(client, "退货政策是什么？", null);
      assertNotNull(couponPayload(offered), offered.encodePrettily());
      assertTrue(offered.getString("text").contains("首单立减5欧元"), offered.getString("text"));
      String viewId = "view-" + UUID.randomUUID();
      client.send(new JsonObject().put("type", "event").put("event", new JsonObject().put("id", viewId)
        .put("type", "view").put("sku", SHOE).put("coupon", "WELCOME5").put("at", Instant.now().toString())));
      JsonObject refused = client.awaitError();
      assertEquals("invalid_event", refused.getString("code"), refused.encode());
      assertEquals(viewId, refused.getString("id"));
      event(client, "purchase", SHOE, "buy-" + UUID.randomUUID());
    }
    assertEquals(1L, results(id).getLong("redemptions"));
    assertEquals(0L, server.count("SELECT count(*) FROM behaviour_events WHERE coupon = 'WELCOME5'"));
  }

  @Test
  @DisplayName("after a complaint no coupon is offered in the conversation, though the cart qualifies")
  void notAfterComplaint(Vertx vertx) throws Exception {
    String id = activeCoupon(cartAbove("SORRY10", 10_000));
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      event(client, "add_to_cart", SHOE, "cart-" + UUID.randomUUID());
      JsonObject complaint = botReplyTo(client, "this is ridiculous, I want to complain", null);
      assertEquals("complaint", complaint.getJsonObject("intent").getString("name"), complaint.encodePrettily());
      assertNull(couponPayload(complaint), complaint.encodePrettily());
      // The annoyance wears off turn by turn; the complaint in the conversation still rules coupons out.
      for (String text : new String[] {"what is your return policy?", "how long does delivery take?",
          "what payment methods do you accept?"}) {
        JsonObject later = botReplyTo(client, text, null);
        assertNull(couponPayload(later), later.encodePrettily());
      }
    }
    assertEquals(0L, server.count("SELECT count(*) FROM promotion_offers WHERE promotion_id = $1", id));
  }

  @Test
  @DisplayName("a tap on an offer of another conversation gives no code and clicks nothing")
  void foreignOffer(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      JsonObject reply = botReplyTo(client, "Use code", "/promo:offer-not-mine");
      assertFalse(reply.getString("text").contains("code is"), reply.encodePrettily());
    }
    assertEquals(0L, server.count("SELECT count(*) FROM promotion_offers WHERE clicked_at IS NOT NULL "
      + "AND offer_id = 'offer-not-mine'"));
  }
}
