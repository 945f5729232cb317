package com.shopchat.nlu.model;

import io.vertx.core.json.JsonObject;

/**
 * How an {@link NgramIntentModel} is trained: per-example AdaGrad over {@code epochs} passes at {@code learningRate},
 * a smoothed target ({@code labelSmoothing}), an L2 penalty ({@code l2}) on the weights an example touches, features
 * seen fewer than {@code minCount} times in training dropped, the character n-grams' block weighted
 * {@code charWeight} against the words' (both blocks are scaled to unit length first), and the training texts
 * noised each epoch as the transformer's are ({@code typoRate}, {@code wordDropout}). {@code hidden} 0 is softmax
 * regression; a positive width puts a ReLU layer of that many units between the summed feature vectors and the
 * softmax (fastText's bag of n-grams, made non-linear).
 */
public record NgramConfig(int epochs, float learningRate, float labelSmoothing, float l2, int minCount,
    float charWeight, int charMin, int charMax, float typoRate, float wordDropout, long seed, int hidden) {

  public NgramConfig {
    if (hidden < 0) {
      throw new IllegalArgumentException("hidden must be 0 (linear) or positive");
    }
    if (epochs <= 0 || learningRate <= 0 || minCount <= 0) {
      throw new IllegalArgumentException("epochs, learningRate and minCount must be positive");
    }
    if (labelSmoothing < 0 || labelSmoothing >= 1 || l2 < 0 || charWeight < 0 || typoRate < 0 || typoRate >= 1
        || wordDropout < 0 || wordDropout >= 1) {
      throw new IllegalArgumentException("labelSmoothing, typoRate and wordDropout must be in [0, 1); l2 and "
          + "charWeight not negative");
    }
    if (charMin < 1 || charMax < charMin) {
      throw new IllegalArgumentException("character n-grams need 1 <= charMin <= charMax");
    }
  }

  /** What {@code nlu train --kind ngram} uses unless told otherwise. */
  public static NgramConfig defaults() {
    return new NgramConfig(10, 0.1f, 0.1f, 0f, 1, 1f, 2, 5, 0f, 0f, 42, 0);
  }

  public NgramConfig withEpochs(int value) {
    return new NgramConfig(value, learningRate, labelSmoothing, l2, minCount, charWeight, charMin, charMax, typoRate,
        wordDropout, seed, hidden);
  }

  public JsonObject toJson() {
    return new JsonObject().put("epochs", epochs).put("learningRate", learningRate)
        .put("labelSmoothing", labelSmoothing).put("l2", l2).put("minCount", minCount).put("charWeight", charWeight)
        .put("charMin", charMin).put("charMax", charMax).put("typoRate", typoRate).put("wordDropout", wordDropout)
        .put("seed", seed).put("hidden", hidden);
  }

  public static NgramConfig fromJson(JsonObject json) {
    return new NgramConfig(json.getInteger("epochs"), json.getFloat("learningRate"),
        json.getFloat("labelSmoothing"), json.getFloat("l2"), json.getInteger("minCount"),
        json.getFloat("charWeight"), json.getInteger("charMin"), json.getInteger("charMax"),
        json.getFloat("typoRate"), json.getFloat("wordDropout"), json.getLong("seed"), json.getInteger("hidden", 0));
  }
}
