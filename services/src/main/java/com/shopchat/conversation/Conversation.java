package com.shopchat.conversation;

import io.vertx.core.json.JsonObject;

/**
 * A shopper's conversation as stored: who, which language, how far its seqs go, the dialogue state, and the
 * shopper whose signed identity it belongs to ({@code null} while anonymous; see docs/protocol.md).
 */
public record Conversation(String id, String visitorId, String status, String locale, int lastSeq, JsonObject state,
                           String shopperId) {

  public boolean ownedBy(String visitor) {
    return visitorId.equals(visitor);
  }

  /** Whether the shop vouched for who the shopper is. */
  public boolean verified() {
    return shopperId != null;
  }
}
