package com.shopchat.recommend.ncf;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The leave-one-out ranking metrics of He et al. 2017: each test user's held-out item is ranked among its sampled
 * negatives; HR@k counts it in the top k, NDCG@k credits position r (0-based) with 1/log2(r + 2). A negative that
 * ties the held-out item ranks above it (the pessimistic choice, so that a scorer giving everything 0 earns
 * nothing).
 */
public final class NcfEvaluation {

  /** Scores a user's candidate items; higher is better. */
  public interface Scorer {
    float[] scores(int user, int[] items);
  }

  /** The metrics of one scorer. */
  public record Result(int users, int hits, double hitRatio, double ndcg) {
    public JsonObject toJson() {
      return new JsonObject().put("users", users).put("hits", hits).put("hr", round(hitRatio))
          .put("ndcg", round(ndcg));
    }
  }

  private NcfEvaluation() {
  }

  public static Result evaluate(List<NcfDataset.TestCase> tests, Scorer scorer, int k) {
    int hits = 0;
    double ndcg = 0;
    for (NcfDataset.TestCase t : tests) {
      int[] items = new int[t.negatives().length + 1];
      items[0] = t.item();
      System.arraycopy(t.negatives(), 0, items, 1, t.negatives().length);
      float[] s = scorer.scores(t.user(), items);
      int rank = 0;
      for (int j = 1; j < items.length; j++) {
        if (s[j] >= s[0]) {
          rank++;
        }
      }
      if (rank < k) {
        hits++;
        ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }
    int n = tests.size();
    return new Result(n, hits, n == 0 ? 0 : hits / (double) n, n == 0 ? 0 : ndcg / n);
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
