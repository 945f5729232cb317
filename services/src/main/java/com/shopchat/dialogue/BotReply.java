package com.shopchat.dialogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the bot says back, with the quick replies, product cards and knowledge sources that go with it, the
 * conversation's state afterwards, and the flow that answered ({@code null} outside flows).
 */
public record BotReply(
  String text,
  String intent,
  float confidence,
  List<QuickReply> quickReplies,
  List<Source> sources,
  List<ProductCard> cards,
  String flow,
  DialogueState state) {

  public BotReply {
    quickReplies = List.copyOf(quickReplies);
    sources = List.copyOf(sources);
    cards = List.copyOf(cards);
  }

  /** A reply with no cards, outside any flow. */
  public BotReply(String text, String intent, float confidence, List<QuickReply> quickReplies, List<Source> sources,
                  DialogueState state) {
    this(text, intent, confidence, quickReplies, sources, List.of(), null, state);
  }

  /** A button the shopper can tap instead of typing; its payload comes back with the message. */
  public record QuickReply(String title, String payload) {}

  /** The knowledge entry an answer came from. */
  public record Source(String id, String title) {}

  /**
   * A product shown in the conversation: {@code price} is formatted for the shopper's locale, {@code reason}
   * (may be null) says why it is shown, {@code impressionId} (null for plain search results) names the
   * recommendation it belongs to, which the widget reports back with clicks and add-to-carts.
   */
  public record ProductCard(String sku, String title, String price, long priceCents, String currency, String image,
                            String url, String reason, String impressionId) {

    JsonObject toJson() {
      JsonObject card = new JsonObject().put("sku", sku).put("title", title).put("price", price)
        .put("priceCents", priceCents).put("currency", currency).put("image", image).put("url", url);
      if (reason != null) {
        card.put("reason", reason);
      }
      if (impressionId != null) {
        card.put("impressionId", impressionId);
      }
      return card;
    }
  }

  /** The same reply with another state. */
  public BotReply withState(DialogueState newState) {
    return new BotReply(text, intent, confidence, quickReplies, sources, cards, flow, newState);
  }

  /** The same reply with these cards (and words before them) added. */
  public BotReply withCards(String lead, List<ProductCard> added) {
    List<ProductCard> all = new java.util.ArrayList<>(cards);
    all.addAll(added);
    return new BotReply(text + lead, intent, confidence, quickReplies, sources, all, flow, state);
  }

  /** The same reply with these quick replies instead. */
  public BotReply withQuickReplies(List<QuickReply> replies) {
    return new BotReply(text, intent, confidence, replies, sources, cards, flow, state);
  }

  /** The wire-format extras of the reply message (docs/protocol.md). */
  public JsonObject extras() {
    JsonObject extras = new JsonObject();
    if (!quickReplies.isEmpty()) {
      JsonArray qr = new JsonArray();
      quickReplies.forEach(q -> qr.add(new JsonObject().put("title", q.title()).put("payload", q.payload())));
      extras.put("quickReplies", qr);
    }
    if (!cards.isEmpty()) {
      JsonArray array = new JsonArray();
      cards.forEach(c -> array.add(c.toJson()));
      extras.put("cards", array);
    }
    if (!sources.isEmpty()) {
      JsonArray src = new JsonArray();
      sources.forEach(s -> src.add(new JsonObject().put("id", s.id()).put("title", s.title())));
      extras.put("sources", src);
    }
    return extras;
  }
}
