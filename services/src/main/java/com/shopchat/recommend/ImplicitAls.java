package com.shopchat.recommend;

import java.util.Random;

/**
 * Latent factors from implicit feedback: iALS after Hu, Koren and Volinsky (2008), "Collaborative Filtering for
 * Implicit Feedback Datasets". Every (user, item) cell is a preference (1 if the user interacted, else 0) with a
 * confidence {@code 1 + alpha·log1p(weight)}; users' and items' vectors are solved for in turn, each row's least
 * squares problem by a few steps of conjugate gradient warm-started from the previous vector (Takács, Pilászy and
 * Tikk 2011), which costs O(f² + nnz·f) per row instead of Cholesky's O(f³ + nnz·f²). Rows run in parallel.
 *
 * <p>At serving time {@link #foldIn} computes the vector of any history — a brand-new visitor's three views — by
 * the same solve against the fixed item factors, so nobody needs to have been in the training data to get
 * personal results. Immutable after training and thread-safe.
 */
public final class ImplicitAls {

  private final int factors;
  private final double alpha;
  private final double lambda;
  private final float[] userFactors;
  private final float[] itemFactors;
  private final double[] itemGram;
  private final int items;

  private ImplicitAls(int factors, double alpha, double lambda, float[] userFactors, float[] itemFactors,
      int items) {
    this.factors = factors;
    this.alpha = alpha;
    this.lambda = lambda;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.items = items;
    this.itemGram = gram(itemFactors, items, factors);
  }

  /** Training settings; {@code cgSteps} conjugate-gradient steps per row and iteration. */
  public record Settings(int factors, int iterations, double alpha, double lambda, int cgSteps, long seed,
      int threads) {
    public static final Settings DEFAULT =
        new Settings(32, 8, 10, 0.1, 3, 42, Runtime.getRuntime().availableProcessors());

    public Settings {
      if (factors < 1 || iterations < 0 || cgSteps < 1 || alpha <= 0 || lambda < 0) {
        throw new IllegalArgumentException("invalid iALS settings: " + this);
      }
    }
  }

  /** Trains on a users × items matrix of interaction weights. */
  public static ImplicitAls train(Interactions userItems, Settings s) {
    int f = s.factors();
    Random random = new Random(s.seed());
    float[] users = new float[userItems.rows() * f];
    float[] items = new float[userItems.columns() * f];
    double scale = 0.1 / Math.sqrt(f);
    for (int k = 0; k < items.length; k++) {
      items[k] = (float) (random.nextGaussian() * scale);
    }
    for (int k = 0; k < users.length; k++) {
      users[k] = (float) (random.nextGaussian() * scale);
    }
    Interactions itemUsers = userItems.transpose();
    for (int it = 0; it < s.iterations(); it++) {
      sweep(userItems, items, users, s);
      sweep(itemUsers, users, items, s);
    }
    return new ImplicitAls(f, s.alpha(), s.lambda(), users, items, userItems.columns());
  }

  public int factors() {
    return factors;
  }

  public int items() {
    return items;
  }

  /** The trained vector of user row {@code user} (a copy). */
  public float[] userVector(int user) {
    float[] x = new float[factors];
    System.arraycopy(userFactors, user * factors, x, 0, factors);
    return x;
  }

  /**
   * The vector of a history not seen in training: {@code weights[k]} for item {@code history[k]}; items out of
   * range are ignored. An empty history gives the zero vector (every score 0).
   */
  public float[] foldIn(int[] history, float[] weights, int length) {
    float[] x = new float[factors];
    solve(history, weights, 0, length, itemFactors, itemGram, factors, alpha, lambda, x, 0,
        Math.max(8, factors / 2));
    return x;
  }

  /** Predicted preference of a user vector for an item: their dot product. */
  public float score(float[] user, int item) {
    int base = item * factors;
    float s0 = 0;
    float s1 = 0;
    int k = 0;
    for (; k + 1 < factors; k += 2) {
      s0 += user[k] * itemFactors[base + k];
      s1 += user[k + 1] * itemFactors[base + k + 1];
    }
    if (k < factors) {
      s0 += user[k] * itemFactors[base + k];
    }
    return s0 + s1;
  }

  /** Solves every row of {@code m} for its vector in {@code target}, the other side {@code fixed} held still. */
  private static void sweep(Interactions m, float[] fixed, float[] target, Settings s) {
    int f = s.factors();
    double[] gram = gram(fixed, m.columns(), f);
    Parallel.forBlocks(s.threads(), m.rows(), 512, (from, to) -> {
      int[] cols = new int[0];
      float[] vals = new float[0];
      for (int row = from; row < to; row++) {
        int start = m.rowStart(row);
        int len = m.rowLength(row);
        if (cols.length < len) {
          cols = new int[len];
          vals = new float[len];
        }
        for (int e = 0; e < len; e++) {
          cols[e] = m.column(start + e);
          vals[e] = m.value(start + e);
        }
        solve(cols, vals, 0, len, fixed, gram, f, s.alpha(), s.lambda(), target, row * f, s.cgSteps());
      }
    });
  }

  /**
   * Conjugate gradient on (G + Σ (c−1) y yᵀ + λI) x = Σ c y for one row, starting from x as it is; G is the gram
   * matrix of the fixed side, so the dense part costs f² and each of the row's entries 2f per step.
   */
  private static void solve(int[] cols, float[] vals, int from, int to, float[] fixed, double[] gram, int f,
      double alpha, double lambda, float[] x, int xOff, int steps) {
    double[] r = new double[f];
    double[] p = new double[f];
    double[] ap = new double[f];
    // r = b − A x
    multiply(cols, vals, from, to, fixed, gram, f, alpha, lambda, x, xOff, r);
    for (int k = 0; k < f; k++) {
      r[k] = -r[k];
    }
    for (int e = from; e < to; e++) {
      int base = cols[e] * f;
      if (base < 0 || base >= fixed.length) {
        continue;
      }
      double c = 1 + alpha * ItemKnn.dampen(vals[e]);
      for (int k = 0; k < f; k++) {
        r[k] += c * fixed[base + k];
      }
    }
    System.arraycopy(r, 0, p, 0, f);
    double rs = dot(r, r, f);
    for (int step = 0; step < steps && rs > 1e-12; step++) {
      multiplyDouble(cols, vals, from, to, fixed, gram, f, alpha, lambda, p, ap);
      double a = rs / dot(p, ap, f);
      for (int k = 0; k < f; k++) {
        x[xOff + k] += (float) (a * p[k]);
        r[k] -= a * ap[k];
      }
      double next = dot(r, r, f);
      for (int k = 0; k < f; k++) {
        p[k] = r[k] + next / rs * p[k];
      }
      rs = next;
    }
  }

  private static void multiply(int[] cols, float[] vals, int from, int to, float[] fixed, double[] gram, int f,
      double alpha, double lambda, float[] x, int xOff, double[] out) {
    double[] v = new double[f];
    for (int k = 0; k < f; k++) {
      v[k] = x[xOff + k];
    }
    multiplyDouble(cols, vals, from, to, fixed, gram, f, alpha, lambda, v, out);
  }

  /** out = (G + Σ (c−1) y yᵀ + λI) v. */
  private static void multiplyDouble(int[] cols, float[] vals, int from, int to, float[] fixed, double[] gram,
      int f, double alpha, double lambda, double[] v, double[] out) {
    for (int a = 0; a < f; a++) {
      double s = lambda * v[a];
      int row = a * f;
      for (int b = 0; b < f; b++) {
        s += gram[row + b] * v[b];
      }
      out[a] = s;
    }
    for (int e = from; e < to; e++) {
      int base = cols[e] * f;
      if (base < 0 || base >= fixed.length) {
        continue;
      }
      double yv = 0;
      for (int k = 0; k < f; k++) {
        yv += fixed[base + k] * v[k];
      }
      double w = alpha * ItemKnn.dampen(vals[e]) * yv;
      for (int k = 0; k < f; k++) {
        out[k] += w * fixed[base + k];
      }
    }
  }

  private static double dot(double[] a, double[] b, int f) {
    double s = 0;
    for (int k = 0; k < f; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /** Yᵀ Y of the n × f row-major matrix y. */
  private static double[] gram(float[] y, int n, int f) {
    double[] g = new double[f * f];
    for (int i = 0; i < n; i++) {
      int base = i * f;
      for (int a = 0; a < f; a++) {
        double ya = y[base + a];
        if (ya == 0) {
          continue;
        }
        int row = a * f;
        for (int b = a; b < f; b++) {
          g[row + b] += ya * y[base + b];
        }
      }
    }
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < a; b++) {
        g[a * f + b] = g[b * f + a];
      }
    }
    return g;
  }
}
