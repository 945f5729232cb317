package com.shopchat.nlu.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A transformer model directory may hold an n-gram model in its {@value #DIR} subdirectory, trained on the same
 * intents: then the model answers with the mean of the two's probabilities, each counted once, as
 * {@code nlu evaluate --ensemble} scores it. The two err differently (the n-gram model reads word and character
 * n-grams, the transformer word pieces in context), so the mean is better than either; see docs/benchmarks.md.
 * Serving, retraining and evaluation all read a model directory through here, so what is scored is what serves.
 */
public final class NgramMember {

  /** The subdirectory of a transformer's model directory that holds its n-gram member. */
  public static final String DIR = "ngram";

  private NgramMember() {
  }

  /** Whether {@code modelDir} holds an n-gram member. */
  public static boolean present(Path modelDir) {
    return Files.isRegularFile(modelDir.resolve(DIR).resolve("config.json"));
  }

  /**
   * The n-gram member of the model in {@code modelDir}, or {@code null} when it has none; blocking (file reads).
   * Refused when its intents are not exactly {@code labels}, in the same order.
   */
  public static NgramIntentModel load(Path modelDir, List<String> labels) throws IOException {
    if (!present(modelDir)) {
      return null;
    }
    NgramIntentModel member = NgramIntentModel.load(modelDir.resolve(DIR));
    if (!member.labels().equals(labels)) {
      throw new IOException(modelDir.resolve(DIR) + " has other intents than the model it belongs to");
    }
    return member;
  }

  /** Replaces each row of {@code probabilities} by its mean with the member's row for the same text. */
  public static List<float[]> averaged(List<float[]> probabilities, NgramIntentModel member, List<String> texts) {
    if (member == null) {
      return probabilities;
    }
    List<float[]> other = member.predictProbabilities(texts);
    for (int i = 0; i < probabilities.size(); i++) {
      float[] row = probabilities.get(i);
      float[] o = other.get(i);
      for (int c = 0; c < row.length; c++) {
        row[c] = (row[c] + o[c]) / 2;
      }
    }
    return probabilities;
  }
}
