package com.shopchat.kb;

/**
 * One search result: the entry, its raw BM25 score, and a confidence the dialogue manager can threshold.
 *
 * @param entry the matching entry, rebuilt from stored fields
 * @param score the ranking score, only comparable between hits of the same query: the raw Lucene BM25 score, or
 *     in a hybrid index the fused one (see {@link Fusion}) plus 1 for a name match and 2 for a code match
 * @param confidence in [0, 1]; see {@link KnowledgeIndex#search(String, String, int)} for its definition
 */
public record KnowledgeHit(KnowledgeEntry entry, float score, float confidence) {
}
