package com.shopchat.nlu;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sentence vector the intent model computed for a text while classifying it: unit length, the masked-mean
 * hidden state its classifier read. Tagged with the text and the model version, so that a reader (the knowledge
 * base) can tell whether it is what its own embedder would give for the text it searches: same text, same model.
 */
public final class SentenceVector {

  private final String text;
  private final String modelVersion;
  private final float[] values;

  public SentenceVector(String text, String modelVersion, float[] values) {
    this.text = Objects.requireNonNull(text, "text must not be null");
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion must not be null");
    this.values = Objects.requireNonNull(values, "values must not be null").clone();
  }

  /** The text the vector is of, as the model was given it. */
  public String text() {
    return text;
  }

  /** The version of the model that computed it (see {@code ModelVersion}). */
  public String modelVersion() {
    return modelVersion;
  }

  /** A copy of the vector. */
  public float[] values() {
    return values.clone();
  }

  /** The number of floats. */
  public int dimension() {
    return values.length;
  }

  /** True when this is the vector of {@code text} by the model of version {@code version}. */
  public boolean isOf(String text, String version) {
    return this.text.equals(text) && modelVersion.equals(version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SentenceVector v && text.equals(v.text) && modelVersion.equals(v.modelVersion)
      && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, modelVersion, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "SentenceVector[" + values.length + " floats of \"" + text + "\" by " + modelVersion + "]";
  }
}
