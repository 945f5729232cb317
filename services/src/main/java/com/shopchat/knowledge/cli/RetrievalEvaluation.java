package com.shopchat.knowledge.cli;

import com.shopchat.kb.KnowledgeHit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Scores a retriever on labelled queries: recall@1, recall@5 and MRR over the top {@link #DEPTH}, and how the top
 * hit's confidence separates right answers from wrong ones at each threshold.
 */
final class RetrievalEvaluation {

  /** How many hits each query asks for; an expected entry ranked lower counts as not found. */
  static final int DEPTH = 10;

  private static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  /** The retriever under test: hits for a query in a locale, best first. */
  @FunctionalInterface
  interface Retriever {
    List<KnowledgeHit> search(String query, String locale, int limit);
  }

  /** Where the expected entry ranked (1-based; 0 when not in the top {@link #DEPTH}) and the top hit's confidence. */
  record Outcome(LabeledQuery query, int rank, float topConfidence, String topId) {
  }

  private RetrievalEvaluation() {
  }

  /** Runs every query; {@code misses} hears each query whose expected entry was not ranked first. */
  static JsonObject evaluate(List<LabeledQuery> queries, Retriever retriever, Consumer<Outcome> misses) {
    List<Outcome> outcomes = queries.stream().map(q -> outcome(q, retriever)).toList();
    outcomes.stream().filter(o -> o.rank() != 1).forEach(misses);
    JsonObject result = metrics(outcomes);
    Map<String, List<Outcome>> byLocale = new TreeMap<>();
    outcomes.forEach(o -> byLocale.computeIfAbsent(o.query().locale(), l -> new ArrayList<>()).add(o));
    JsonObject locales = new JsonObject();
    byLocale.forEach((locale, some) -> locales.put(locale, metrics(some)));
    return result.put("byLocale", locales).put("confidence", calibration(outcomes));
  }

  private static Outcome outcome(LabeledQuery q, Retriever retriever) {
    List<KnowledgeHit> hits = retriever.search(q.query(), q.locale(), DEPTH);
    int rank = 0;
    for (int i = 0; i < hits.size() && rank == 0; i++) {
      if (hits.get(i).entry().id().equals(q.expectedId())) {
        rank = i + 1;
      }
    }
    return hits.isEmpty() ? new Outcome(q, rank, 0f, null)
        : new Outcome(q, rank, hits.get(0).confidence(), hits.get(0).entry().id());
  }

  private static JsonObject metrics(List<Outcome> outcomes) {
    int n = outcomes.size();
    long at1 = outcomes.stream().filter(o -> o.rank() == 1).count();
    long at5 = outcomes.stream().filter(o -> o.rank() >= 1 && o.rank() <= 5).count();
    double reciprocal = outcomes.stream().filter(o -> o.rank() > 0).mapToDouble(o -> 1.0 / o.rank()).sum();
    return new JsonObject().put("count", n).put("hitsAt1", at1).put("hitsAt5", at5)
        .put("recallAt1", round(at1, n)).put("recallAt5", round(at5, n)).put("mrr", round(reciprocal, n));
  }

  /**
   * For each threshold: the share of queries whose top hit is confident enough to be answered, and the share of
   * those answers that are the expected entry — what the dialogue manager's answer threshold trades.
   */
  private static JsonArray calibration(List<Outcome> outcomes) {
    JsonArray rows = new JsonArray();
    for (double threshold : THRESHOLDS) {
      List<Outcome> answered = outcomes.stream().filter(o -> o.topId() != null && o.topConfidence() >= threshold)
          .toList();
      long right = answered.stream().filter(o -> o.rank() == 1).count();
      rows.add(new JsonObject().put("threshold", threshold).put("answered", answered.size())
          .put("answeredShare", round(answered.size(), outcomes.size()))
          .put("precision", answered.isEmpty() ? null : round(right, answered.size())));
    }
    return rows;
  }

  private static double round(double numerator, int denominator) {
    return denominator == 0 ? 0 : Math.round(numerator / denominator * 10_000) / 10_000.0;
  }
}
