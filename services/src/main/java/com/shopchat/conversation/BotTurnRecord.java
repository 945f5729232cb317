package com.shopchat.conversation;

import io.vertx.core.json.JsonObject;

/**
 * What the bot decided for one shopper message, ready to be stored with the new dialogue state and the
 * version of the NLU model that read the message.
 */
public record BotTurnRecord(
  int replyTo,
  String text,
  String intent,
  float confidence,
  JsonObject extras,
  JsonObject state,
  String status,
  String modelVersion) {}
