package com.shopchat.dialogue;

import static com.shopchat.support.Shopper.intent;
import static com.shopchat.support.Shopper.payloads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.support.Shopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scripted multi-turn conversations over the real websocket, with the shipped transformer model, real
 * PostgreSQL and the demo shop backend over real HTTP: one per flow, with its happy path and the ways it goes
 * wrong. Anonymous shoppers prove an order is theirs with the email on it.
 */
@DisplayName("Dialogue flows over the websocket")
class DialogueFlowsTest {

  private static Vertx vertx;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, Map.of("NLU_MODEL_DIR", "shipped"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop(vertx);
  }

  private static Shopper shopper(String visitor) throws Exception {
    return Shopper.connect(vertx, server.port(), visitor, null, "en");
  }

  private static String orderStatus(String number) throws Exception {
    return server.string("SELECT status FROM orders WHERE order_number = $1", number);
  }

  @Test
  @DisplayName("order status: asks for the number and the email, answers with carrier, tracking and date, and remembers the order")
  void orderStatus() throws Exception {
    try (Shopper s = shopper("v-status")) {
      JsonObject r = s.says("where is my order?");
      assertEquals("track_order", intent(r));
      assertTrue(r.getString("text").contains("order number"), r.encode());
      r = s.says("MT-100002");
      assertTrue(r.getString("text").contains("email"), r.encode());
      r = s.says("anna@example.com");
      String text = r.getString("text");
      assertTrue(text.contains("MT-100002") && text.contains("on its way") && text.contains("DHL")
        && text.contains("tracking number") && text.contains("Expected delivery"), text);
      assertTrue(payloads(r).contains(DialogueManager.HUMAN_PAYLOAD));
      // Context: "it" is the order just discussed, and the email is not asked again.
      r = s.says("and where is it now?");
      assertTrue(r.getString("text").contains("MT-100002") && r.getString("text").contains("on its way"), r.encode());
      assertEquals("order_status", server.string(
        "SELECT flow FROM messages WHERE conversation_id = $1 AND sender = 'bot' ORDER BY seq DESC LIMIT 1",
        s.conversationId()));
    }
  }

  @Test
  @DisplayName("order status: a wrong number or someone else's order get the same refusal, then a person is offered")
  void wrongOrderRefused() throws Exception {
    try (Shopper s = shopper("v-wrong")) {
      s.says("where is my order MT-999999?");
      JsonObject r = s.says("anna@example.com");
      assertTrue(r.getString("text").contains("couldn't find an order MT-999999"), r.encode());
      // Li Wei's order with Anna's email: the same answer, nothing about the order.
      r = s.says("MT-100005");
      assertTrue(r.getString("text").contains("couldn't find an order MT-100005"), r.encode());
      assertFalse(r.getString("text").contains("delivered"), r.encode());
      assertTrue(r.getString("text").contains("person who placed the order"), r.encode());
      assertTrue(payloads(r).contains(DialogueManager.HUMAN_PAYLOAD));
    }
  }

  @Test
  @DisplayName("cancel: a no keeps the order, a yes cancels it through the backend; a shipped order is refused with a return offered")
  void cancel() throws Exception {
    try (Shopper s = shopper("v-cancel")) {
      s.says("I want to cancel my order MT-100004");
      JsonObject r = s.says("anna@example.com");
      assertTrue(r.getString("text").contains("Shall I cancel order MT-100004"), r.encode());
      assertEquals(java.util.List.of(DialogueManager.YES_PAYLOAD, DialogueManager.NO_PAYLOAD), payloads(r));
      r = s.taps(r, DialogueManager.NO_PAYLOAD);
      assertTrue(r.getString("text").contains("left order MT-100004 as it is"), r.encode());
      assertEquals("pending", orderStatus("MT-100004"));

      r = s.says("cancel order MT-100004");
      assertTrue(r.getString("text").contains("Shall I cancel"), r.encode());
      r = s.says("yes");
      assertTrue(r.getString("text").contains("order MT-100004 is cancelled"), r.encode());
      // Never paid: no refund promised.
      assertFalse(r.getString("text").contains("goes back"), r.encode());
      assertEquals("cancelled", orderStatus("MT-100004"));

      // Another order needs its own proof.
      r = s.says("please cancel order MT-100002");
      assertTrue(r.getString("text").contains("email"), r.encode());
      r = s.says("it's anna@example.com");
      assertTrue(r.getString("text").contains("already shipped"), r.encode());
      assertTrue(payloads(r).contains(DialogueManager.INTENT_PAYLOAD + "track_order"), r.encode());
      assertEquals("shipped", orderStatus("MT-100002"));
    }
  }

  @Test
  @DisplayName("digression: a delivery question mid-flow is answered, the flow asks again and then goes on")
  void digressionAndResume() throws Exception {
    try (Shopper s = shopper("v-digress")) {
      s.says("I want to return my order MT-100017");
      JsonObject r = s.says("how long does delivery take?");
      String text = r.getString("text");
      assertTrue(text.contains("working days") && text.contains("Back to where we were") && text.contains("email"), text);
      r = s.says("lukas.meyer@example.com");
      assertTrue(r.getString("text").contains("Shall I start a return"), r.encode());
      r = s.says("yes please");
      assertTrue(r.getString("text").contains("return of order MT-100017 is started"), r.encode());
      assertEquals("return_requested", orderStatus("MT-100017"));
      r = s.says("where is my refund for MT-100017?");
      assertTrue(r.getString("text").contains("registered"), r.encode());
    }
  }

  @Test
  @DisplayName("returns: outside the window is refused with the figures; never mind leaves a flow")
  void returnRules() throws Exception {
    try (Shopper s = shopper("v-return")) {
      s.says("I'd like to return order MT-100001");
      JsonObject r = s.says("anna@example.com");
      assertTrue(r.getString("text").contains("returns are accepted within 30 days"), r.encode());
      assertEquals("delivered", orderStatus("MT-100001"));

      r = s.says("I want to cancel an order");
      assertTrue(r.getString("text").contains("order number"), r.encode());
      r = s.says("never mind");
      assertTrue(r.getString("text").contains("stopped that"), r.encode());
      assertEquals(null, server.string("SELECT state->>'flow' FROM conversations WHERE id = $1", s.conversationId()));
    }
  }

  @Test
  @DisplayName("a signed-in shopper: her own order without an email; another shopper's is not on her account")
  void signedInShopper() throws Exception {
    String token = ShopperIdentity.create(AppConfig.DEMO_IDENTITY_SECRET, Duration.ofDays(1), Clock.systemUTC())
      .sign("shopper-liwei", Instant.now().plusSeconds(600));
    try (Shopper s = Shopper.connect(vertx, server.port(), new JsonObject().put("visitorId", "v-signed")
      .put("locale", "en").put("identity", token))) {
      JsonObject r = s.says("where is my order MT-100008?");
      assertTrue(r.getString("text").contains("MT-100008") && r.getString("text").contains("on its way"), r.encode());
      r = s.says("and what about order MT-100002?");
      assertTrue(r.getString("text").contains("couldn't find order MT-100002 on your account"), r.encode());
    }
  }

  @Test
  @DisplayName("restart and reconnect mid-flow: the conversation continues where the shopper left off")
  void reconnectMidFlow() throws Exception {
    String conversation;
    try (Shopper s = shopper("v-reconnect")) {
      conversation = s.conversationId();
      JsonObject r = s.says("I need to change the delivery address of my order");
      assertTrue(r.getString("text").contains("order number"), r.encode());
    }
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-reconnect", conversation, "en")) {
      s.says("MT-100012");
    }
    // A deploy between two messages: the flow's state is in PostgreSQL.
    server.stopApp(vertx);
    server.startApp(vertx);
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-reconnect", conversation, "en")) {
      assertEquals(conversation, s.conversationId());
      JsonObject r = s.says("james.oconnor@example.com");
      assertTrue(r.getString("text").contains("Where should it go instead"), r.encode());
      r = s.says("Lindenweg 3, 80331 München, Germany");
      assertTrue(r.getString("text").contains("Lindenweg 3, 80331 München, DE"), r.encode());
      r = s.says("yes");
      assertTrue(r.getString("text").contains("will go to Lindenweg 3"), r.encode());
      assertEquals("Lindenweg 3", server.string(
        "SELECT shipping_address->>'line1' FROM orders WHERE order_number = 'MT-100012'"));
    }
  }

  @Test
  @DisplayName("products: a search answers with cards, and 'what about the blue one?' refines it")
  void productSearch() throws Exception {
    try (Shopper s = shopper("v-products")) {
      JsonObject r = s.says("show me sweaters");
      JsonArray cards = r.getJsonArray("cards", new JsonArray());
      assertFalse(cards.isEmpty(), r.encode());
      JsonObject card = cards.getJsonObject(0);
      assertTrue(card.getString("price").startsWith("€") && card.getString("url").contains(card.getString("sku")));
      // "The blue one": the category just shown (apparel), in blue.
      r = s.says("what about the blue one?");
      assertEquals("AP-1002", r.getJsonArray("cards").getJsonObject(0).getString("sku"), r.encode());
      r = s.says("do you have running shoes under 100 euros?");
      assertFalse(r.getJsonArray("cards", new JsonArray()).isEmpty(), r.encode());
      for (Object c : r.getJsonArray("cards")) {
        assertTrue(((JsonObject) c).getLong("priceCents") <= 10_000, r.encode());
      }
    }
  }

  @Test
  @DisplayName("shop data, complaints and out of scope: real figures, empathy with a person offered, an honest no")
  void policiesComplaintsAndOos() throws Exception {
    try (Shopper s = shopper("v-policies")) {
      JsonObject r = s.says("what payment methods do you accept?");
      assertTrue(r.getString("text").contains("PayPal"), r.encode());
      r = s.says("how much does it cost to cancel");
      assertTrue(r.getString("text").contains("€5.00"), r.encode());
      r = s.says("this is ridiculous, I want to complain");
      assertTrue(r.getString("text").startsWith("I'm really sorry"), r.encode());
      assertTrue(payloads(r).contains(DialogueManager.HUMAN_PAYLOAD));
      r = s.says("what's the weather going to be like in Paris tomorrow?");
      assertEquals("oos", intent(r), r.encode());
      assertTrue(r.getString("text").contains("can't help with that"), r.encode());
    }
  }

  @Test
  @DisplayName("a Chinese conversation: asked and answered in Chinese")
  void chinese() throws Exception {
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-zh", null, "zh")) {
      JsonObject r = s.says("我的订单到哪了");
      assertTrue(r.getString("text").contains("订单号"), r.encode());
      r = s.says("MT-100008");
      assertTrue(r.getString("text").contains("邮箱"), r.encode());
      r = s.says("li.wei@example.com");
      assertTrue(r.getString("text").contains("MT-100008") && r.getString("text").contains("已由"), r.encode());
    }
  }
}
