package com.shopchat.kb;

/**
 * How a hybrid {@link KnowledgeIndex} merges its two rankings: weighted reciprocal-rank fusion, an entry scoring
 * {@code bm25Weight / (k + bm25Rank) + denseWeight / (k + denseRank)} (ranks from 1; a list it is missing from
 * adds nothing). Ranks, not scores, because BM25 sums and cosines live on unrelated scales.
 *
 * @param k the rank offset: larger flattens the difference between neighbouring ranks (60 in the RRF paper)
 * @param bm25Weight weight of the BM25 ranking
 * @param denseWeight weight of the nearest-neighbour ranking
 * @param candidates how many entries each ranking contributes before fusion (at least the search's limit)
 */
public record Fusion(int k, float bm25Weight, float denseWeight, int candidates) {

  /** Plain RRF as published (k = 60, equal weights), 50 candidates from each side. */
  public static final Fusion RRF = new Fusion(60, 1f, 1f, 50);

  /**
   * What hybrid indexes use: RRF with the vectors' ranking weighted 0.75, chosen on the demo paraphrase set with
   * the shipped model (recall@1 0.846 against 0.841 at 1 and 0.826 at 0.5; docs/benchmarks.md), whose vectors come
   * from an intent classifier and rank worse alone than BM25 does.
   */
  public static final Fusion DEFAULT = new Fusion(60, 1f, 0.75f, 50);

  public Fusion {
    if (k < 0 || candidates < 1 || !(bm25Weight >= 0) || !(denseWeight >= 0)) {
      throw new IllegalArgumentException("need k >= 0, candidates >= 1 and weights >= 0, got " + k + ", "
          + candidates + ", " + bm25Weight + ", " + denseWeight);
    }
  }

  /** This fusion with another weight for the nearest-neighbour ranking. */
  public Fusion withDenseWeight(float weight) {
    return new Fusion(k, bm25Weight, weight, candidates);
  }

  float score(int bm25Rank, int denseRank) {
    return (bm25Rank > 0 ? bm25Weight / (k + bm25Rank) : 0f) + (denseRank > 0 ? denseWeight / (k + denseRank) : 0f);
  }
}
