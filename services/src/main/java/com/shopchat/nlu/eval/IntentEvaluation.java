package com.shopchat.nlu.eval;

import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores predictions against labelled utterances: accuracy, in-scope accuracy, out-of-scope recall,
 * macro F1, per-intent F1 and the most frequent confusions. Pure logic, so the CLI and tests share it.
 */
public final class IntentEvaluation {

  /** The label of utterances the shop cannot help with, as in CLINC150. */
  public static final String OOS = "oos";
  private static final int TOP_CONFUSIONS = 10;

  private IntentEvaluation() {
  }

  /** The evaluation as one JSON object; {@code oosThreshold} may be null (no threshold: top intent wins). */
  public static JsonObject evaluate(List<LabeledText> data, List<Prediction> predictions, Float oosThreshold) {
    Map<String, int[]> counts = new TreeMap<>(); // per intent: true positives, false positives, false negatives
    Map<String, Integer> confusions = new HashMap<>();
    int correct = 0;
    int inScope = 0;
    int inScopeCorrect = 0;
    int oos = 0;
    int oosCaught = 0;
    for (int i = 0; i < data.size(); i++) {
      String expected = data.get(i).intent();
      String predicted = predictions.get(i).decided(oosThreshold);
      boolean hit = expected.equals(predicted);
      correct += hit ? 1 : 0;
      if (expected.equals(OOS)) {
        oos++;
        oosCaught += hit ? 1 : 0;
      } else {
        inScope++;
        inScopeCorrect += hit ? 1 : 0;
      }
      if (hit) {
        counts.computeIfAbsent(expected, k -> new int[3])[0]++;
      } else {
        counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
        counts.computeIfAbsent(expected, k -> new int[3])[2]++;
        confusions.merge(expected + "\u0000" + predicted, 1, Integer::sum);
      }
    }
    JsonObject perIntentF1 = perIntentF1(data, counts);
    double macroF1 = perIntentF1.stream().mapToDouble(e -> ((Number) e.getValue()).doubleValue()).average().orElse(0);
    return new JsonObject()
        .put("accuracy", ratio(correct, data.size()))
        .put("inScopeAccuracy", inScope == 0 ? null : ratio(inScopeCorrect, inScope))
        .put("oosRecall", oos == 0 ? null : ratio(oosCaught, oos))
        .put("oosThreshold", oosThreshold)
        .put("macroF1", round(macroF1))
        .put("perIntentF1", perIntentF1)
        .put("topConfusions", topConfusions(confusions))
        .put("count", data.size());
  }

  /**
   * The confidence threshold below which an answer becomes {@code oos}: the lowest (in steps of 0.01) that
   * reaches {@code minOosRecall} on the data, else the one that maximises in-scope accuracy plus oos
   * recall; null when the data has no {@code oos} examples to weigh the rejection against.
   */
  public static Float chooseOosThreshold(List<LabeledText> data, List<Prediction> predictions, double minOosRecall) {
    if (data.stream().noneMatch(e -> e.intent().equals(OOS))) {
      return null;
    }
    // In-scope accuracy only falls as the threshold rises, so the lowest threshold that catches enough
    // out-of-scope utterances costs the fewest in-scope answers.
    float best = 0f;
    double bestScore = -1;
    for (int step = 0; step < 100; step++) {
      float threshold = step / 100f;
      JsonObject result = evaluate(data, predictions, threshold);
      double inScope = result.getDouble("inScopeAccuracy") == null ? 0 : result.getDouble("inScopeAccuracy");
      if (result.getDouble("oosRecall") >= minOosRecall) {
        return threshold;
      }
      double score = result.getDouble("oosRecall") + inScope;
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = threshold;
      }
    }
    return best;
  }

  /** F1 of every intent in the gold labels (intents only ever predicted are not averaged in). */
  private static JsonObject perIntentF1(List<LabeledText> data, Map<String, int[]> counts) {
    JsonObject f1 = new JsonObject();
    for (String intent : new TreeSet<>(data.stream().map(LabeledText::intent).toList())) {
      int[] c = counts.getOrDefault(intent, new int[3]);
      f1.put(intent, c[0] == 0 ? 0.0 : round(2.0 * c[0] / (2.0 * c[0] + c[1] + c[2])));
    }
    return f1;
  }

  private static JsonArray topConfusions(Map<String, Integer> confusions) {
    JsonArray top = new JsonArray();
    confusions.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_CONFUSIONS)
        .forEach(e -> {
          String[] pair = e.getKey().split("\u0000", 2);
          top.add(new JsonObject().put("expected", pair[0]).put("predicted", pair[1]).put("count", e.getValue()));
        });
    return top;
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0.0 : round((double) part / whole);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
