package com.shopchat.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns a hit's {@link HitEvidence} into a calibrated confidence: a logistic regression, {@code P(right entry) =
 * sigmoid(bias + weights · features)}, fitted on labelled shopper questions (the right entry, and questions no entry
 * answers) by {@code chatbot kb calibrate}. The dialogue manager thresholds it; a calibrated 0.8 means about four in
 * five such answers are the right entry on the questions it was fitted on.
 *
 * <p>The shipped fits (one for BM25-only indexes, one for hybrid ones) are read from {@code calibration.properties}
 * beside this class; docs/benchmarks.md names the command and data that produced them.
 *
 * @param bias the intercept
 * @param weights one per {@link HitEvidence#FEATURES} entry
 */
public record ConfidenceModel(double bias, double[] weights) {

  private static final String RESOURCE = "calibration.properties";

  /** The shipped fit for indexes without vectors. */
  public static final ConfidenceModel BM25 = shipped("bm25");

  /** The shipped fit for hybrid indexes. */
  public static final ConfidenceModel HYBRID = shipped("hybrid");

  public ConfidenceModel {
    if (weights.length != HitEvidence.FEATURES.length) {
      throw new IllegalArgumentException("need " + HitEvidence.FEATURES.length + " weights, got " + weights.length);
    }
    if (!Double.isFinite(bias) || !Arrays.stream(weights).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException("weights must be finite numbers");
    }
    weights = weights.clone();
  }

  /** The probability that the hit with this evidence is the entry the shopper meant. */
  public float probability(HitEvidence evidence) {
    double[] x = evidence.features();
    double z = bias;
    for (int i = 0; i < x.length; i++) {
      z += weights[i] * x[i];
    }
    return (float) sigmoid(z);
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /**
   * Fits a model by L2-regularised logistic regression (full-batch gradient descent; the sets are a few hundred
   * hits, so it takes milliseconds).
   *
   * @param evidence one row per hit
   * @param right whether each hit was the right entry
   * @param l2 the penalty on the weights (not the bias), e.g. 0.001
   */
  public static ConfidenceModel fit(List<HitEvidence> evidence, List<Boolean> right, double l2) {
    if (evidence.size() != right.size() || evidence.isEmpty()) {
      throw new IllegalArgumentException("need as many labels as rows, and at least one row");
    }
    int n = evidence.size();
    int d = HitEvidence.FEATURES.length;
    double[][] x = evidence.stream().map(HitEvidence::features).toArray(double[][]::new);
    double[] w = new double[d];
    double b = 0;
    double rate = 0.5;
    for (int iteration = 0; iteration < 20_000; iteration++) {
      double[] gw = new double[d];
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double z = b;
        for (int j = 0; j < d; j++) {
          z += w[j] * x[i][j];
        }
        double error = sigmoid(z) - (right.get(i) ? 1 : 0);
        gb += error;
        for (int j = 0; j < d; j++) {
          gw[j] += error * x[i][j];
        }
      }
      for (int j = 0; j < d; j++) {
        w[j] -= rate * (gw[j] / n + l2 * w[j]);
      }
      b -= rate * gb / n;
    }
    return new ConfidenceModel(b, w);
  }

  /** This model as {@code <prefix>.bias} and {@code <prefix>.<feature>} properties, rounded to 4 decimals. */
  public void store(Properties into, String prefix) {
    into.setProperty(prefix + ".bias", format(bias));
    for (int j = 0; j < weights.length; j++) {
      into.setProperty(prefix + "." + HitEvidence.FEATURES[j], format(weights[j]));
    }
  }

  /** Reads a model {@link #store} wrote; a missing or non-numeric property fails. */
  public static ConfidenceModel read(Properties from, String prefix) {
    double[] w = new double[HitEvidence.FEATURES.length];
    for (int j = 0; j < w.length; j++) {
      w[j] = number(from, prefix + "." + HitEvidence.FEATURES[j]);
    }
    return new ConfidenceModel(number(from, prefix + ".bias"), w);
  }

  private static ConfidenceModel shipped(String prefix) {
    Properties properties = new Properties();
    try (InputStream in = ConfidenceModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the knowledge-base jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read(properties, prefix);
  }

  private static double number(Properties from, String key) {
    String value = from.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("calibration property " + key + " is missing");
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("calibration property " + key + " is not a number: " + value);
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
