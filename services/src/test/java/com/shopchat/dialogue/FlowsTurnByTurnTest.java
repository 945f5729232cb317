package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.dialogue.BotReply.QuickReply;
import com.shopchat.dialogue.DialogueFixture.Conversation;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.IntentScore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each flow driven turn by turn through the dialogue manager, with the NLU's reading given and the demo shop
 * backend answering over HTTP; the demo orders are put back before each test.
 */
@DisplayName("Flows, turn by turn")
class FlowsTurnByTurnTest {

  private static DialogueFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new DialogueFixture();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @BeforeEach
  void freshOrders() throws Exception {
    fx.shop.resetOrders();
  }

  private static List<String> payloads(BotReply reply) {
    return reply.quickReplies().stream().map(QuickReply::payload).toList();
  }

  @Test
  @DisplayName("order status for a signed-in shopper: a choice of her orders, then the one she picks, without an email")
  void signedInPicksAnOrder() throws Exception {
    Conversation anna = new Conversation("en", "shopper-anna");
    BotReply r = fx.turn(anna, "where is my order?", "track_order", 0.95f);
    assertEquals("order_status", r.flow());
    assertEquals(OrderAccess.ORDER_NUMBER, r.state().awaiting());
    assertTrue(payloads(r).contains(OrderAccess.ORDER_PAYLOAD + "MT-100002"), payloads(r).toString());
    assertTrue(r.quickReplies().stream().anyMatch(q -> q.title().equals("MT-100002 · shipped")));
    r = fx.tap(anna, "MT-100002 · shipped", OrderAccess.ORDER_PAYLOAD + "MT-100002");
    assertTrue(r.text().contains("on its way with DHL"), r.text());
    assertNull(r.state().flow());
    assertEquals("MT-100002", r.state().lastOrder());
  }

  @Test
  @DisplayName("order status for a signed-in shopper: another shopper's order is 'not on your account', and stays unseen")
  void signedInOthersOrder() throws Exception {
    Conversation anna = new Conversation("en", "shopper-anna");
    BotReply r = fx.turn(anna, "where is order MT-100005", "track_order", 0.95f, Entity.ORDER_ID, "MT-100005");
    assertEquals("I couldn't find order MT-100005 on your account. Could you check the order number and send it again?",
      r.text());
    assertFalse(r.text().contains("delivered"));
    r = fx.turn(anna, "MT-100008", "track_order", 0.4f, Entity.ORDER_ID, "MT-100008");
    assertTrue(r.text().contains("only share order details with the person who placed the order"), r.text());
    assertNull(r.state().flow());
    assertTrue(payloads(r).contains(DialogueManager.HUMAN_PAYLOAD));
  }

  @Test
  @DisplayName("cancel while being packed: the fee is named before the yes, and the order is cancelled")
  void cancelWithFee() throws Exception {
    Conversation liwei = new Conversation("en", "shopper-liwei");
    BotReply r = fx.turn(liwei, "cancel MT-100006", "cancel_order", 0.93f, Entity.ORDER_ID, "MT-100006");
    assertTrue(r.text().contains("Shall I cancel order MT-100006") && r.text().contains("cancellation fee of €5.00"),
      r.text());
    assertTrue(r.state().confirming());
    // Something else first: the confirmation is asked again.
    r = fx.turn(liwei, "hmm", "oos", 0.3f);
    assertTrue(r.text().contains("Shall I cancel order MT-100006? Please answer yes or no"), r.text());
    r = fx.tap(liwei, "Yes", DialogueManager.YES_PAYLOAD);
    assertTrue(r.text().contains("order MT-100006 is cancelled"), r.text());
    // The fee is kept back from the refund.
    long total = Long.parseLong(fx.shop.rows("SELECT sum(quantity * unit_price_cents) + max(o.shipping_cents)"
      + " FROM order_items i JOIN orders o USING (order_number) WHERE order_number = 'MT-100006'").get(0));
    assertTrue(r.text().contains(String.format(Locale.ROOT, "€%d.%02d goes back", (total - 500) / 100,
      (total - 500) % 100)), r.text() + " total " + total);
    assertEquals(List.of("cancelled"), fx.shop.rows("SELECT status FROM orders WHERE order_number = 'MT-100006'"));
  }

  @Test
  @DisplayName("change address: an unreadable address is asked again; a shipped order cannot be changed")
  void changeAddress() throws Exception {
    Conversation james = new Conversation("en", "shopper-james");
    BotReply r = fx.turn(james, "change the address of MT-100012", "change_shipping_address", 0.9f,
      Entity.ORDER_ID, "MT-100012");
    assertEquals("address", r.state().awaiting());
    r = fx.turn(james, "somewhere nice", "oos", 0.4f);
    assertTrue(r.text().contains("didn't catch that") && r.text().contains("Hauptstraße 12, 10115 Berlin"), r.text());
    r = fx.turn(james, "Lindenweg 3, 80331 München, Germany", "oos", 0.5f);
    assertTrue(r.text().contains("Shall I send order MT-100012 to Lindenweg 3, 80331 München, DE?"), r.text());
    r = fx.turn(james, "no", "deny", 0.9f);
    assertTrue(r.text().contains("stays as it was"), r.text());
    assertFalse(fx.shop.rows("SELECT shipping_address->>'city' FROM orders WHERE order_number = 'MT-100012'")
      .contains("München"));

    r = fx.turn(james, "send MT-100011 to my office", "change_shipping_address", 0.9f, Entity.ORDER_ID, "MT-100011");
    assertTrue(r.text().contains("already shipped, so its address can't be changed"), r.text());
    assertNull(r.state().flow());
  }

  @Test
  @DisplayName("the order just discussed carries over to the next request, unless the shopper says another one")
  void orderCarriesOver() throws Exception {
    Conversation james = new Conversation("en", "shopper-james");
    fx.turn(james, "where is MT-100012", "track_order", 0.95f, Entity.ORDER_ID, "MT-100012");
    BotReply r = fx.turn(james, "can I change the address?", "change_shipping_address", 0.94f);
    assertEquals("address", r.state().awaiting());
    assertEquals("MT-100012", r.state().slot(OrderAccess.ORDER_NUMBER));
    r = fx.turn(james, "never mind", "deny", 0.8f);
    assertNull(r.state().flow());
    r = fx.turn(james, "I want to cancel another order", "cancel_order", 0.94f);
    assertTrue(payloads(r).stream().allMatch(p -> p.startsWith(OrderAccess.ORDER_PAYLOAD)), payloads(r).toString());
  }

  @Test
  @DisplayName("returns: final-sale items and an order not yet delivered are refused with the reason")
  void returnRefusals() throws Exception {
    Conversation wang = new Conversation("en", "shopper-wangfang");
    BotReply r = fx.turn(wang, "return MT-100022", "get_refund", 0.9f, Entity.ORDER_ID, "MT-100022");
    assertTrue(r.text().contains("hasn't shipped yet"), r.text());
    assertTrue(payloads(r).contains(DialogueManager.INTENT_PAYLOAD + "cancel_order"));
    Conversation james = new Conversation("en", "shopper-james");
    r = fx.turn(james, "return MT-100009", "get_refund", 0.9f, Entity.ORDER_ID, "MT-100009");
    assertTrue(r.text().contains("returns are accepted within 30 days"), r.text());
  }

  @Test
  @DisplayName("refund status: none started, requested, and refunded with its date")
  void refundStatus() throws Exception {
    Conversation sofia = new Conversation("en", "shopper-sofia");
    BotReply r = fx.turn(sofia, "where is my refund for MT-100013", "track_refund", 0.9f, Entity.ORDER_ID, "MT-100013");
    assertTrue(r.text().contains("No refund has been started for order MT-100013"), r.text());
    assertTrue(payloads(r).contains(DialogueManager.INTENT_PAYLOAD + "get_refund"));
    r = fx.turn(sofia, "and MT-100016?", "track_refund", 0.9f, Entity.ORDER_ID, "MT-100016");
    assertTrue(r.text().startsWith("We refunded €") && r.text().contains("MT-100016"), r.text());
  }

  @Test
  @DisplayName("products: search by price and category; a size question about the product shown; a colour refines")
  void products() throws Exception {
    Conversation c = new Conversation("en", null);
    BotReply r = fx.turn(c, "shoes under €100", "product_search", 0.9f, Entity.CATEGORY, "footwear", Entity.MONEY,
      "100 EUR");
    assertFalse(r.cards().isEmpty(), r.text());
    assertTrue(r.cards().stream().allMatch(card -> card.priceCents() <= 10_000));
    assertTrue(r.text().contains("shoes under €100.00"), r.text());
    assertEquals(r.cards().get(0).sku(), r.state().lastProducts().get(0));

    String first = r.cards().get(0).sku();
    r = fx.turn(c, "do you have it in size XXXL?", "product_search", 0.8f, Entity.SIZE, "XXXL");
    assertEquals(first, r.cards().get(0).sku());
    assertTrue(r.text().contains("isn't available in size XXXL; it comes in"), r.text());

    r = fx.turn(c, "what about the black one?", "smalltalk", 0.2f, Entity.COLOR, "black");
    assertEquals("product_search", r.intent());
    assertTrue(r.text().contains("black"), r.text());
  }

  @Test
  @DisplayName("products: the words of a request search titles and descriptions; nothing found is said so")
  void productWords() throws Exception {
    Conversation c = new Conversation("en", null);
    BotReply r = fx.turn(c, "show me sweaters", "product_search", 0.94f);
    assertFalse(r.cards().isEmpty(), r.text());
    assertTrue(r.cards().get(0).title().contains("Sweater"), r.cards().toString());
    assertTrue(r.text().contains("sweater"), r.text());
    // Nothing waterproof and a jacket under €150: the closest jackets, said as such.
    r = fx.turn(c, "do you have waterproof jackets under 150 euros", "product_search", 0.93f, Entity.MONEY, "150 EUR");
    assertTrue(r.text().startsWith("Nothing matches"), r.text());
    assertTrue(r.cards().stream().allMatch(card -> card.title().contains("Jacket")), r.cards().toString());
    r = fx.turn(c, "do you sell flamethrowers", "product_search", 0.9f);
    assertTrue(r.cards().isEmpty());
    assertTrue(r.text().startsWith("Sorry, I couldn't find flamethrower"), r.text());
  }

  @Test
  @DisplayName("delivery: options for the shopper's country, and an honest no where the shop does not ship")
  void deliveryByCountry() throws Exception {
    Conversation c = new Conversation("en", null);
    BotReply r = fx.turn(c, "how fast do you ship to Germany", "delivery_period", 0.9f, Entity.COUNTRY, "Germany");
    assertTrue(r.text().contains("to Germany") && r.text().contains("Express delivery: 1–2 working days"), r.text());
    r = fx.turn(c, "do you ship to China", "delivery_options", 0.9f, Entity.COUNTRY, "China");
    assertEquals("Sorry, we don't deliver to China at the moment.", r.text());
    Conversation zh = new Conversation("zh", null);
    r = fx.turn(zh, "你们支持哪些支付方式", "check_payment_methods", 0.9f);
    assertTrue(r.text().startsWith("支持的支付方式") && r.text().contains("PayPal"), r.text());
  }

  @Test
  @DisplayName("an unsure reading with two plausible intents asks which one, and the button starts that flow")
  void clarifies() throws Exception {
    Conversation c = new Conversation("en", null);
    BotReply r = fx.turn(c, "my parcel thing", List.of(new IntentScore("track_order", 0.35f),
      new IntentScore("get_refund", 0.3f), new IntentScore("greeting", 0.1f)));
    assertEquals(List.of(DialogueManager.INTENT_PAYLOAD + "track_order", DialogueManager.INTENT_PAYLOAD + "get_refund",
      DialogueManager.HUMAN_PAYLOAD), payloads(r));
    assertEquals("Track an order", r.quickReplies().get(0).title());
    r = fx.tap(c, "Track an order", DialogueManager.INTENT_PAYLOAD + "track_order");
    assertEquals("track_order", r.intent());
    assertEquals("order_status", r.flow());
  }

  @Test
  @DisplayName("a frustrated shopper is offered a person after one misunderstanding instead of two")
  void frustrationOffersHumanSooner() throws Exception {
    Conversation c = new Conversation("en", null);
    BotReply r = fx.turn(c, "THIS IS USELESS!!", "oos", 0.2f);
    assertTrue(r.state().frustration() >= DialogueManager.FRUSTRATION_FOR_HUMAN);
    assertEquals(List.of(DialogueManager.HUMAN_PAYLOAD), payloads(r));
    Conversation calm = new Conversation("en", null);
    r = fx.turn(calm, "blorp", "oos", 0.2f);
    assertTrue(payloads(r).size() > 1, payloads(r).toString());
  }

  @Test
  @DisplayName("complaint: empathy first and a person offered")
  void complaint() throws Exception {
    Conversation c = new Conversation("zh", null);
    BotReply r = fx.turn(c, "我要投诉，太差了", "complaint", 0.9f);
    assertTrue(r.text().startsWith("非常抱歉"), r.text());
    assertEquals(DialogueManager.HUMAN_PAYLOAD, r.quickReplies().get(0).payload());
  }

  @Test
  @DisplayName("the shop backend down: said plainly, no status invented, the flow kept for a retry")
  void backendDown() throws Exception {
    HttpShopBackend dead = HttpShopBackend.create(fx.vertx,
      HttpShopBackend.Options.of("http://127.0.0.1:9", "k", 300));
    DialogueManager dialogue = new DialogueManager(new KnowledgeAnswers() {
      @Override
      public Future<List<KnowledgeHit>> search(String text, String locale, int limit) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<KnowledgeEntry> entry(String id) {
        return Future.succeededFuture(null);
      }
    }, dead, Replies.load(), Clock.systemUTC());
    try {
      DialogueState asked = DialogueState.INITIAL.inFlow("order_status", OrderAccess.ORDER_NUMBER, Map.of());
      BotReply r = dialogue.respond(new DialogueTurn("MT-100002", null, "en",
        new Understanding("track_order", 0.5f, "test", null,
          List.of(new Entity(Entity.ORDER_ID, "MT-100002", 0, 9))), asked, "shopper-anna"))
        .await(10, TimeUnit.SECONDS);
      assertTrue(r.text().startsWith("I can't reach our shop system right now"), r.text());
      assertFalse(r.text().contains("shipped") || r.text().contains("on its way"), r.text());
      assertEquals(asked.nextTurn(), r.state());
      assertEquals(List.of(DialogueManager.RETRY_PAYLOAD, DialogueManager.HUMAN_PAYLOAD), payloads(r));
    } finally {
      dead.close();
    }
  }
}
