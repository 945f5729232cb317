package com.shopchat.conversation;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One stored message of a conversation. {@code extras} holds what clients render besides the text
 * (quickReplies, cards, sources) exactly as it goes on the wire.
 */
public record ChatMessage(
  String conversationId,
  int seq,
  String from,
  String text,
  String clientMsgId,
  Integer replyTo,
  String intent,
  Float confidence,
  JsonObject extras,
  OffsetDateTime at) {

  public static final String SHOPPER = "shopper";
  public static final String BOT = "bot";
  public static final String AGENT = "agent";

  /** The {@code message} frame of the wire protocol (docs/protocol.md). */
  public JsonObject toFrame() {
    JsonObject frame = new JsonObject()
      .put("type", "message")
      .put("seq", seq)
      .put("from", from)
      .put("text", text);
    if (clientMsgId != null) {
      frame.put("clientMsgId", clientMsgId);
    }
    if (replyTo != null) {
      frame.put("replyTo", replyTo);
    }
    if (intent != null) {
      frame.put("intent", new JsonObject().put("name", intent).put("confidence", round(confidence)));
    }
    if (extras != null) {
      extras.forEach(e -> frame.put(e.getKey(), e.getValue()));
    }
    if (at != null) {
      frame.put("at", at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    return frame;
  }

  private static double round(Float value) {
    return value == null ? 0 : Math.round(value * 1000) / 1000.0;
  }
}
