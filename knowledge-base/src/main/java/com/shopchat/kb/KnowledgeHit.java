package com.shopchat.kb;

/**
 * One search result: the entry, its ranking score, and a confidence the dialogue manager can threshold.
 *
 * @param entry the matching entry, rebuilt from stored fields
 * @param score the ranking score, only comparable between hits of the same query: the raw Lucene BM25 score, or
 *     in a hybrid index the fused one (see {@link Fusion}) plus 1 for a name match and 2 for a code match
 * @param confidence in [0, 1]: the index's {@link ConfidenceModel} applied to the evidence, a calibrated
 *     probability that this is the entry the shopper meant
 * @param evidence what the search knew of the hit (word coverage, each side's rank, similarity, exact match)
 */
public record KnowledgeHit(KnowledgeEntry entry, float score, float confidence, HitEvidence evidence) {

  /** The share of the query's content words the entry holds (the confidence before calibration). */
  public float coverage() {
    return evidence.coverage();
  }
}
