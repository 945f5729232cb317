package com.shopchat.experiment;

/**
 * The statistics the experiment results show, in plain Java with no library: the normal distribution (through
 * erf/erfc computed to near double precision), Wilson score intervals for a proportion, and the pooled
 * two-proportion z-test with its two-sided p-value.
 */
public final class Stats {

  /** The 97.5th percentile of the standard normal: a 95 % two-sided interval. */
  public static final double Z_95 = 1.959963984540054;

  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private Stats() {
  }

  /** A proportion's 95 % interval. */
  public record Interval(double low, double high) {
  }

  /** The test of a variant's proportion against the control's: z (positive when the variant is higher), p. */
  public record ZTest(double z, double p) {
  }

  /**
   * The error function. Below |x| = 3 the series {@code erf x = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))},
   * whose terms are all positive (no cancellation); above, 1 − erfc from its continued fraction.
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double ax = Math.abs(x);
    double value = ax < 3 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
    return x < 0 ? -value : value;
  }

  /** The complementary error function 1 − erf x, accurate in the far tail too (where 1 − erf would round to 0). */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 2 - erfc(-x);
    }
    return x < 3 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
  }

  /** The standard normal CDF Φ(z). */
  public static double normalCdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** The two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
  public static double twoSidedP(double z) {
    return erfc(Math.abs(z) / Math.sqrt(2));
  }

  /**
   * The Wilson score interval (95 %) of {@code successes} out of {@code trials}: unlike the normal
   * approximation it stays inside [0, 1] and is sensible for 0 or all successes and for small samples.
   * No trials: the whole of [0, 1].
   */
  public static Interval wilson(long successes, long trials) {
    checkCounts(successes, trials);
    if (trials == 0) {
      return new Interval(0, 1);
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z_95 * Z_95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * The pooled two-proportion z-test of {@code b} ({@code xB} of {@code nB}) against the control {@code a}:
   * z = (p̂B − p̂A) / √(p̂(1 − p̂)(1/nA + 1/nB)) with p̂ the pooled proportion, and the two-sided p-value.
   * Null when it is undefined: a side without trials, or no variance at all (both 0 % or both 100 %).
   */
  public static ZTest twoProportion(long xA, long nA, long xB, long nB) {
    checkCounts(xA, nA);
    checkCounts(xB, nB);
    if (nA == 0 || nB == 0) {
      return null;
    }
    double pooled = (double) (xA + xB) / (nA + nB);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
    if (se == 0) {
      return null;
    }
    double z = ((double) xB / nB - (double) xA / nA) / se;
    return new ZTest(z, twoSidedP(z));
  }

  private static void checkCounts(long successes, long trials) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
    }
  }

  private static double erfSeries(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    // Terms shrink by 2x²/(2n+3); at x < 3 they fall below 1e-17 of the sum well before 200.
    for (int n = 0; n < 200 && term > sum * 1e-17; n++) {
      term *= 2 * x2 / (2 * n + 3);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }

  /** erfc for x ≥ 3 by the continued fraction e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
  private static double erfcContinuedFraction(double x) {
    double tail = x;
    // Evaluated from the bottom; 80 levels are far more than x ≥ 3 needs for full double precision.
    for (int k = 80; k >= 1; k--) {
      tail = x + (k / 2.0) / tail;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / tail;
  }
}
