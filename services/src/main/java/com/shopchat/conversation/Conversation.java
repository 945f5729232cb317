package com.shopchat.conversation;

import io.vertx.core.json.JsonObject;

/** A shopper's conversation as stored: who, which language, how far its seqs go, the dialogue state. */
public record Conversation(String id, String visitorId, String status, String locale, int lastSeq, JsonObject state) {

  public boolean ownedBy(String visitor) {
    return visitorId.equals(visitor);
  }
}
