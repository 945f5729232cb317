package com.shopchat.knowledge.cli;

import com.shopchat.kb.KnowledgeHit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Scores a retriever on labelled queries: recall@1, recall@5 and MRR over the top {@link #DEPTH} (answerable queries
 * only), and how the top hit's confidence separates right answers from wrong ones: per threshold the share answered
 * and their precision, plus the Brier score and expected calibration error of the top hit's confidence as a
 * probability of being right (every query: an answer to one no entry answers is wrong). The same for the top hit's
 * word coverage, the confidence before calibration, under {@code coverage}.
 */
final class RetrievalEvaluation {

  /** How many hits each query asks for; an expected entry ranked lower counts as not found. */
  static final int DEPTH = 10;

  private static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private static final int BINS = 10;

  /** The retriever under test: hits for a query in a locale, best first. */
  @FunctionalInterface
  interface Retriever {
    List<KnowledgeHit> search(String query, String locale, int limit);
  }

  /**
   * Where the expected entry ranked (1-based; 0 when not in the top {@link #DEPTH} or when no entry answers the
   * query) and the top hit's confidence.
   */
  record Outcome(LabeledQuery query, int rank, float topConfidence, float topCoverage, String topId) {

    /** Whether answering with the top hit would be right. */
    boolean topRight() {
      return rank == 1;
    }
  }

  private RetrievalEvaluation() {
  }

  /** Runs every query; {@code misses} hears each query whose top hit is not its entry. */
  static JsonObject evaluate(List<LabeledQuery> queries, Retriever retriever, Consumer<Outcome> misses) {
    List<Outcome> outcomes = queries.stream().map(q -> outcome(q, retriever)).toList();
    outcomes.stream().filter(o -> !o.topRight() && (o.query().answerable() || o.topId() != null)).forEach(misses);
    List<Outcome> answerable = outcomes.stream().filter(o -> o.query().answerable()).toList();
    JsonObject result = metrics(answerable);
    Map<String, List<Outcome>> byLocale = new TreeMap<>();
    answerable.forEach(o -> byLocale.computeIfAbsent(o.query().locale(), l -> new ArrayList<>()).add(o));
    JsonObject locales = new JsonObject();
    byLocale.forEach((locale, some) -> locales.put(locale, metrics(some)));
    return result.put("unanswerable", outcomes.size() - answerable.size()).put("byLocale", locales)
        .put("confidence", thresholds(outcomes, Outcome::topConfidence))
        .put("calibration", calibration(outcomes, Outcome::topConfidence))
        .put("coverage", new JsonObject().put("thresholds", thresholds(outcomes, Outcome::topCoverage))
          .put("calibration", calibration(outcomes, Outcome::topCoverage)));
  }

  private static Outcome outcome(LabeledQuery q, Retriever retriever) {
    List<KnowledgeHit> hits = retriever.search(q.query(), q.locale(), DEPTH);
    int rank = 0;
    for (int i = 0; i < hits.size() && rank == 0 && q.answerable(); i++) {
      if (hits.get(i).entry().id().equals(q.expectedId())) {
        rank = i + 1;
      }
    }
    return hits.isEmpty() ? new Outcome(q, rank, 0f, 0f, null)
        : new Outcome(q, rank, hits.get(0).confidence(), hits.get(0).coverage(), hits.get(0).entry().id());
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
  private static JsonArray thresholds(List<Outcome> outcomes, ToDoubleFunction<Outcome> score) {
    JsonArray rows = new JsonArray();
    for (double threshold : THRESHOLDS) {
      List<Outcome> answered = outcomes.stream().filter(o -> o.topId() != null && score.applyAsDouble(o) >= threshold)
          .toList();
      long right = answered.stream().filter(Outcome::topRight).count();
      long unanswerable = answered.stream().filter(o -> !o.query().answerable()).count();
      rows.add(new JsonObject().put("threshold", threshold).put("answered", answered.size())
          .put("answeredShare", round(answered.size(), outcomes.size()))
          .put("precision", answered.isEmpty() ? null : round(right, answered.size()))
          .put("answeredUnanswerable", unanswerable));
    }
    return rows;
  }

  /**
   * How well the top hit's confidence reads as the probability that it is right: the Brier score (mean squared
   * error, 0 is perfect) and the expected calibration error over {@value #BINS} equal-width bins (the mean gap
   * between a bin's average confidence and its share right, weighted by the bin's size).
   */
  private static JsonObject calibration(List<Outcome> outcomes, ToDoubleFunction<Outcome> score) {
    int n = outcomes.size();
    double brier = 0;
    double[] confidence = new double[BINS];
    double[] right = new double[BINS];
    int[] count = new int[BINS];
    for (Outcome o : outcomes) {
      double p = score.applyAsDouble(o);
      double y = o.topRight() ? 1 : 0;
      brier += (p - y) * (p - y);
      int bin = Math.min(BINS - 1, (int) (p * BINS));
      confidence[bin] += p;
      right[bin] += y;
      count[bin]++;
    }
    double ece = 0;
    JsonArray bins = new JsonArray();
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        ece += Math.abs(confidence[b] - right[b]) / n;
        bins.add(new JsonObject().put("from", b / (double) BINS).put("count", count[b])
            .put("meanConfidence", round(confidence[b], count[b])).put("shareRight", round(right[b], count[b])));
      }
    }
    return new JsonObject().put("brier", round(brier, n)).put("ece", round(ece, 1)).put("bins", bins);
  }

  private static double round(double numerator, int denominator) {
    return denominator == 0 ? 0 : Math.round(numerator / denominator * 10_000) / 10_000.0;
  }
}
