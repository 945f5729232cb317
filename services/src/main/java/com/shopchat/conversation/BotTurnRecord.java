package com.shopchat.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the bot decided for one shopper message, ready to be stored with the new dialogue state, and what
 * analytics needs of the turn: the version of the NLU model that read the message, the entities it found,
 * the flow that answered ({@code null} outside flows) and the turn's latency.
 */
public record BotTurnRecord(
  int replyTo,
  String text,
  String intent,
  float confidence,
  JsonObject extras,
  JsonObject state,
  String status,
  String modelVersion,
  JsonArray entities,
  String flow,
  int latencyMillis) {}
