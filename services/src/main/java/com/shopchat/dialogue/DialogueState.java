package com.shopchat.dialogue;

import io.vertx.core.json.JsonObject;

/**
 * What the bot remembers between turns of one conversation; stored as JSON on the conversation so a
 * restart or reconnect continues where the shopper left off.
 */
public record DialogueState(int misunderstandings, boolean handoffRequested) {

  public static final DialogueState INITIAL = new DialogueState(0, false);

  public static DialogueState fromJson(JsonObject json) {
    if (json == null) {
      return INITIAL;
    }
    return new DialogueState(json.getInteger("misunderstandings", 0), json.getBoolean("handoffRequested", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("misunderstandings", misunderstandings).put("handoffRequested", handoffRequested);
  }

  DialogueState understood() {
    return new DialogueState(0, handoffRequested);
  }

  DialogueState misunderstood() {
    return new DialogueState(misunderstandings + 1, handoffRequested);
  }

  DialogueState withHandoff() {
    return new DialogueState(0, true);
  }
}
