package com.shopchat.kb;

/**
 * One search result: the entry, its raw BM25 score, and a confidence the dialogue manager can threshold.
 *
 * @param entry the matching entry, rebuilt from stored fields
 * @param score raw Lucene BM25 score; only comparable between hits of the same query
 * @param confidence in [0, 1]; see {@link KnowledgeIndex#search(String, String, int)} for its definition
 */
public record KnowledgeHit(KnowledgeEntry entry, float score, float confidence) {
}
