package com.shopchat.nlu.model;

import io.vertx.core.json.JsonObject;

/**
 * The shape of an {@link IntentEncoderBlock}: everything needed to rebuild the block before loading its
 * weights, so it is saved next to them as {@code config.json}. {@code charBuckets} 0 turns the
 * character-trigram features off; {@code charNgrams} is how many trigrams a token carries at most.
 */
public record EncoderConfig(
    int vocabularySize, int hiddenSize, int layers, int heads, int feedForwardSize, int maxLength,
    float dropout, int labels, int charBuckets, int charNgrams) {

  public EncoderConfig {
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException("hiddenSize " + hiddenSize + " is not divisible by heads " + heads);
    }
    if (charBuckets < 0 || charBuckets == 1 || (charBuckets > 0 && charNgrams <= 0)) {
      throw new IllegalArgumentException("charBuckets must be 0 (off) or at least 2 with charNgrams > 0");
    }
  }

  public boolean characterFeatures() {
    return charBuckets > 0;
  }

  /** The config as written to {@code config.json}. */
  public JsonObject toJson() {
    return new JsonObject().put("vocabularySize", vocabularySize).put("hiddenSize", hiddenSize)
        .put("layers", layers).put("heads", heads).put("feedForwardSize", feedForwardSize)
        .put("maxLength", maxLength).put("dropout", dropout).put("labels", labels)
        .put("charBuckets", charBuckets).put("charNgrams", charNgrams);
  }

  /** Reads a config written by {@link #toJson()}; models saved before character features have none. */
  public static EncoderConfig fromJson(JsonObject json) {
    return new EncoderConfig(json.getInteger("vocabularySize"), json.getInteger("hiddenSize"),
        json.getInteger("layers"), json.getInteger("heads"), json.getInteger("feedForwardSize"),
        json.getInteger("maxLength"), json.getFloat("dropout"), json.getInteger("labels"),
        json.getInteger("charBuckets", 0), json.getInteger("charNgrams", 0));
  }
}
