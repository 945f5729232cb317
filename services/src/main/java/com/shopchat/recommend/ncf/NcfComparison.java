package com.shopchat.recommend.ncf;

import com.shopchat.recommend.Blend;
import com.shopchat.recommend.ImplicitAls;
import com.shopchat.recommend.Interactions;
import com.shopchat.recommend.ItemKnn;
import com.shopchat.recommend.Popularity;
import io.vertx.core.json.JsonObject;

/**
 * Trains ItemPop, ItemKNN and iALS on an NCF training set and evaluates each, and their {@link Blend} as the
 * server blends them, with HR@10 and NDCG@10. Content similarity is left out: the files carry no item attributes.
 */
public final class NcfComparison {

  public static final int K = 10;

  private NcfComparison() {
  }

  /** One JSON object: counts, then hr/ndcg/trainSeconds per recommender. */
  public static JsonObject run(NcfDataset data, ItemKnn.Settings knnSettings, ImplicitAls.Settings alsSettings,
      Blend blend) {
    Interactions train = data.train();
    long t0 = System.nanoTime();
    Popularity pop = Popularity.of(train);
    long t1 = System.nanoTime();
    ItemKnn knn = ItemKnn.train(train, knnSettings);
    long t2 = System.nanoTime();
    ImplicitAls als = ImplicitAls.train(train, alsSettings);
    long t3 = System.nanoTime();
    NcfEvaluation.Scorer popScorer = (u, items) -> map(items, pop::weight);
    NcfEvaluation.Scorer knnScorer = (u, items) -> knnScores(train, knn, u, items);
    NcfEvaluation.Scorer alsScorer = (u, items) -> {
      float[] x = als.userVector(u);
      return map(items, i -> als.score(x, i));
    };
    NcfEvaluation.Scorer hybrid = (u, items) -> blend(items.length, blend,
        knnScorer.scores(u, items), alsScorer.scores(u, items), map(items, pop::score));
    return new JsonObject()
        .put("users", data.users()).put("items", data.items()).put("trainInteractions", train.size())
        .put("testUsers", data.tests().size()).put("k", K)
        .put("itemPop", result(data, popScorer, t0, t1))
        .put("itemKnn", result(data, knnScorer, t1, t2).put("neighbours", knnSettings.neighbours()))
        .put("ials", result(data, alsScorer, t2, t3).put("factors", alsSettings.factors())
            .put("iterations", alsSettings.iterations()))
        .put("hybrid", result(data, hybrid, t0, t3))
        .put("content", "skipped: NCF files carry no item attributes");
  }

  private static JsonObject result(NcfDataset data, NcfEvaluation.Scorer scorer, long from, long to) {
    return NcfEvaluation.evaluate(data.tests(), scorer, K).toJson()
        .put("trainSeconds", NcfEvaluation.round((to - from) / 1e9));
  }

  private interface ItemScore {
    float score(int item);
  }

  private static float[] map(int[] items, ItemScore f) {
    float[] out = new float[items.length];
    for (int k = 0; k < items.length; k++) {
      out[k] = f.score(items[k]);
    }
    return out;
  }

  /** Σ over the user's training items of the candidate's similarity to them (0 unless a stored neighbour). */
  private static float[] knnScores(Interactions train, ItemKnn knn, int user, int[] items) {
    float[] out = new float[items.length];
    if (user >= train.rows()) {
      return out;
    }
    for (int e = train.rowStart(user); e < train.rowEnd(user); e++) {
      int j = train.column(e);
      for (int k = 0; k < items.length; k++) {
        out[k] += knn.similarityTo(j, items[k]);
      }
    }
    return out;
  }

  /** The server's blend: kNN divided by its largest value over the candidates, each clamped to 0..1, weighted. */
  private static float[] blend(int n, Blend blend, float[] knn, float[] als, float[] pop) {
    float[] out = new float[n];
    float[][] sources = {knn, als, pop};
    double[] weights = {blend.viewedTogether(), blend.latent(), blend.popularity()};
    for (int s = 0; s < sources.length; s++) {
      // As the server does: only the neighbour sums are scaled; iALS and popularity are 0..1 already.
      float max = s == 0 ? 0 : 1;
      for (int k = 0; s == 0 && k < n; k++) {
        max = Math.max(max, sources[s][k]);
      }
      for (int k = 0; max > 0 && k < n; k++) {
        out[k] += (float) (weights[s] * Math.min(1, Math.max(0, sources[s][k] / max)));
      }
    }
    return out;
  }
}
