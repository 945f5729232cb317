package com.shopchat.kb;

/**
 * What a search knew about one hit when it ranked it: the facts a {@link ConfidenceModel} turns into the probability
 * that the hit is the entry the shopper meant.
 *
 * @param coverage share of the query's distinct content words found in the hit's title, questions, tags or codes
 *     (see {@link KnowledgeIndex#search(String, String, int)}), in [0, 1]
 * @param first whether the hit is the search's first
 * @param lexicalFirst whether BM25 alone ranked it first
 * @param lexicalShare its BM25 score over the best BM25 score of the query, in [0, 1]; 0 when BM25 did not find it
 * @param denseFound whether the nearest-neighbour side found it (always false in a BM25-only index)
 * @param denseFirst whether the nearest-neighbour side ranked it first
 * @param similarity Lucene's dot-product score of the query and entry vectors, {@code (1 + cos) / 2}; 0 when the
 *     nearest-neighbour side did not find it
 * @param exact whether it won an exact SKU, order-number or product-name clause
 */
public record HitEvidence(float coverage, boolean first, boolean lexicalFirst, float lexicalShare, boolean denseFound,
    boolean denseFirst, float similarity, boolean exact) {

  /** The names of {@link #features()}, in order. */
  public static final String[] FEATURES = {"coverage", "first", "lexicalFirst", "lexicalShare", "denseFound",
    "denseFirst", "similarity", "exact"};

  /** The evidence as the numbers a {@link ConfidenceModel} weighs, named by {@link #FEATURES}. */
  public double[] features() {
    return new double[] {coverage, bit(first), bit(lexicalFirst), lexicalShare, bit(denseFound), bit(denseFirst),
      similarity, bit(exact)};
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }
}
