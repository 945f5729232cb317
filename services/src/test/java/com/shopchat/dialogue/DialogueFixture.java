package com.shopchat.dialogue;

import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.support.DemoShopFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dialogue manager over real parts, for turn-by-turn tests: a Lucene index of a few knowledge entries, the
 * demo shop backend on a free port over a fresh database, and the HTTP client to it.
 */
final class DialogueFixture implements AutoCloseable {

  static final List<KnowledgeEntry> ENTRIES = List.of(
    new KnowledgeEntry("kb-delivery", "en", "How long does delivery take?",
      List.of("how long does delivery take", "when will my order arrive", "how many days is shipping"),
      "Standard delivery takes 3-5 working days.", List.of("delivery", "shipping"), "delivery"),
    new KnowledgeEntry("kb-delivery-cost", "en", "How much does delivery cost?",
      List.of("how much is shipping", "delivery cost", "is delivery free"),
      "Delivery costs 4.95 EUR and is free over 50 EUR.", List.of("delivery", "cost"), "delivery"),
    new KnowledgeEntry("kb-returns", "en", "What is your return policy?",
      List.of("can I return an item", "return policy", "how do returns work"),
      "You can return unused items within 30 days.", List.of("returns"), "returns"),
    new KnowledgeEntry("kb-invoice", "en", "Where do I find my invoice?",
      List.of("where is my invoice", "download invoice", "I need a bill for my order"),
      "Your invoice is attached to the shipping confirmation email.", List.of("invoice"), "account"),
    new KnowledgeEntry("kb-abroad", "en", "Do you ship abroad?",
      List.of("do you ship internationally", "can you send parcels abroad"),
      String.join("\n\n",
        "We send parcels to 30 countries in Europe and to the United States, Canada and Australia. The checkout only "
          + "lists the countries we serve, and prices are shown in your currency where we can.",
        "Parcels leaving the EU may be charged import duties and customs fees by the country they go to. These "
          + "duties are paid by the recipient to the carrier before the parcel is handed over; we cannot pay them "
          + "for you.",
        "Parcels abroad keep their tracking number all the way: the carrier's local partner takes over at the "
          + "border, so the link in your confirmation email keeps working."),
      List.of("international"), "delivery"),
    new KnowledgeEntry("kb-zh-returns", "zh", "退货政策", List.of("我可以退货吗", "退货政策是什么", "怎么退货"),
      "商品在签收后30天内未使用可以退货。", List.of("退货"), "returns"));

  final Vertx vertx;
  final DemoShopFixture shop;
  final HttpShopBackend backend;
  final KnowledgeIndex index;
  final DialogueManager dialogue;

  DialogueFixture() throws Exception {
    vertx = Vertx.vertx();
    shop = DemoShopFixture.start(vertx);
    backend = HttpShopBackend.create(vertx, HttpShopBackend.Options.of(shop.baseUrl(), DemoShopFixture.API_KEY, 2000));
    index = KnowledgeIndex.inMemory();
    index.replaceAll(ENTRIES);
    dialogue = new DialogueManager(new KnowledgeAnswers() {
      @Override
      public Future<List<KnowledgeHit>> search(String text, String locale, int limit) {
        return Future.succeededFuture(index.search(text, locale, limit));
      }

      @Override
      public Future<KnowledgeEntry> entry(String id) {
        return Future.succeededFuture(ENTRIES.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null));
      }
    }, backend, Replies.load(), Clock.systemUTC());
  }

  /** One turn: the NLU's reading is given (intent, confidence, entities as {type, value} pairs). */
  BotReply turn(Conversation c, String text, String intent, float confidence, String... entities) throws Exception {
    return turn(c, text, null, new Understanding(intent, confidence, "test", null, entities(text, entities)));
  }

  /** One turn with a ranking of several intents (for "did you mean …?"). */
  BotReply turn(Conversation c, String text, List<IntentScore> ranking) throws Exception {
    IntentScore top = ranking.get(0);
    return turn(c, text, null, new Understanding(top.intent(), top.confidence(), "test", ranking, List.of()));
  }

  /** The shopper taps a quick reply. */
  BotReply tap(Conversation c, String title, String payload) throws Exception {
    return turn(c, title, payload, new Understanding("oos", 0.3f, "test"));
  }

  private BotReply turn(Conversation c, String text, String payload, Understanding u) throws Exception {
    BotReply reply = dialogue.respond(new DialogueTurn(text, payload, c.locale, u, c.state, c.shopperId))
      .await(10, TimeUnit.SECONDS);
    c.state = reply.state();
    return reply;
  }

  /** Entities at their place in the text (or at its start when the value is not in it). */
  private static List<Entity> entities(String text, String... typeValue) {
    List<Entity> out = new ArrayList<>();
    for (int i = 0; i + 1 < typeValue.length; i += 2) {
      int at = Math.max(0, text.indexOf(typeValue[i + 1]));
      out.add(new Entity(typeValue[i], typeValue[i + 1], at, Math.min(text.length(), at + typeValue[i + 1].length())));
    }
    return out;
  }

  /** One conversation's side of the fixture: its locale, shopper and state as the bot left it. */
  static final class Conversation {
    final String locale;
    final String shopperId;
    DialogueState state = DialogueState.INITIAL;

    Conversation(String locale, String shopperId) {
      this.locale = locale;
      this.shopperId = shopperId;
    }
  }

  @Override
  public void close() throws Exception {
    backend.close();
    index.close();
    shop.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
