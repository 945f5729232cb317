package com.shopchat.nlu.model;

import io.vertx.core.json.JsonObject;

/**
 * The shape of an {@link IntentEncoderBlock}: everything needed to rebuild the block before loading its
 * weights, so it is saved next to them as {@code config.json}.
 */
public record EncoderConfig(
    int vocabularySize, int hiddenSize, int layers, int heads, int feedForwardSize, int maxLength,
    float dropout, int labels) {

  public EncoderConfig {
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException("hiddenSize " + hiddenSize + " is not divisible by heads " + heads);
    }
  }

  /** The config as written to {@code config.json}. */
  public JsonObject toJson() {
    return new JsonObject().put("vocabularySize", vocabularySize).put("hiddenSize", hiddenSize)
        .put("layers", layers).put("heads", heads).put("feedForwardSize", feedForwardSize)
        .put("maxLength", maxLength).put("dropout", dropout).put("labels", labels);
  }

  /** Reads a config written by {@link #toJson()}. */
  public static EncoderConfig fromJson(JsonObject json) {
    return new EncoderConfig(json.getInteger("vocabularySize"), json.getInteger("hiddenSize"),
        json.getInteger("layers"), json.getInteger("heads"), json.getInteger("feedForwardSize"),
        json.getInteger("maxLength"), json.getFloat("dropout"), json.getInteger("labels"));
  }
}
