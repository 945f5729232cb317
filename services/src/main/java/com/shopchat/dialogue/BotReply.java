package com.shopchat.dialogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the bot says back, with the quick replies and knowledge sources that go with it. */
public record BotReply(
  String text,
  String intent,
  float confidence,
  List<QuickReply> quickReplies,
  List<Source> sources,
  DialogueState state) {

  /** A button the shopper can tap instead of typing; its payload comes back with the message. */
  public record QuickReply(String title, String payload) {}

  /** The knowledge entry an answer came from. */
  public record Source(String id, String title) {}

  /** The wire-format extras of the reply message (docs/protocol.md). */
  public JsonObject extras() {
    JsonObject extras = new JsonObject();
    if (!quickReplies.isEmpty()) {
      JsonArray qr = new JsonArray();
      quickReplies.forEach(q -> qr.add(new JsonObject().put("title", q.title()).put("payload", q.payload())));
      extras.put("quickReplies", qr);
    }
    if (!sources.isEmpty()) {
      JsonArray src = new JsonArray();
      sources.forEach(s -> src.add(new JsonObject().put("id", s.id()).put("title", s.title())));
      extras.put("sources", src);
    }
    return extras;
  }
}
