package com.shopchat.nlu.eval;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Scores extracted entities against labelled ones: precision, recall and F1 of exact (type, start, end) matches,
 * overall (micro) and per type, and how often a matched entity also has the labelled value. Pure logic, so the
 * CLI and tests share it.
 *
 * <p>Only the types the data labels are scored: a dataset that never labels colours cannot say whether a colour
 * was right, so those predictions are counted apart ({@code entityUnscored}). Datasets that name a type by its
 * role are mapped onto the extractor's plain types first ({@link #TYPE_ALIASES}).
 *
 * <p>Scores come twice: on the spans as labelled, and ({@code entityTrimmedLabels}) on labelled spans trimmed to
 * the text and stripped of surrounding spaces and punctuation. Public data has spans computed before its text
 * was edited (Bitext: "order 3707955617" labelled 12 characters long, past the end of the text); the second
 * view shows how the extractor does on what the labels meant, the first what they say.
 */
public final class EntityEvaluation {

  /** Dataset type → extractor type, for datasets that name entities by their role (Bitext's delivery_city). */
  public static final Map<String, String> TYPE_ALIASES = Map.of("delivery_city", Entity.CITY,
    "delivery_country", Entity.COUNTRY, "refund_amount", Entity.MONEY);

  private static final String TRIMMED = " \t\n,.;:!?";

  private EntityEvaluation() {
  }

  /** The scores as one JSON object; {@code predicted} holds one list per example, in the data's order. */
  public static JsonObject evaluate(List<LabeledText> data, List<List<Entity>> predicted) {
    Map<String, String> labelOf = new TreeMap<>();
    data.forEach(e -> e.entities().forEach(g -> labelOf.putIfAbsent(typeOf(g.type()), g.type())));
    Map<String, Integer> unscored = new TreeMap<>();
    predicted.forEach(list -> list.stream().filter(p -> !labelOf.containsKey(p.type()))
      .forEach(p -> unscored.merge(p.type(), 1, Integer::sum)));
    List<LabeledText> trimmed = data.stream().map(EntityEvaluation::trimmed).toList();
    int repairs = 0;
    for (int i = 0; i < data.size(); i++) {
      List<Entity> kept = trimmed.get(i).entities();
      repairs += (int) data.get(i).entities().stream().filter(e -> !kept.contains(e)).count();
    }
    JsonObject asLabelled = score(data, predicted, labelOf);
    JsonObject aliases = new JsonObject();
    labelOf.forEach((type, label) -> {
      if (!type.equals(label)) {
        aliases.put(label, type);
      }
    });
    return new JsonObject()
      .put("entityPrecision", asLabelled.getDouble("precision"))
      .put("entityRecall", asLabelled.getDouble("recall"))
      .put("entityF1", asLabelled.getDouble("f1"))
      .put("entityValueAccuracy", asLabelled.getDouble("valueAccuracy"))
      .put("entityLabelled", asLabelled.getInteger("labelled"))
      .put("entityPredicted", asLabelled.getInteger("predicted"))
      .put("entityPerType", asLabelled.getJsonObject("perType"))
      .put("entityTrimmedLabels", score(trimmed, predicted, labelOf).put("labelsTrimmed", repairs))
      .put("entityTypeMapping", aliases)
      .put("entityUnscored", new JsonObject(new TreeMap<>(unscored)));
  }

  /** Overall and per-type scores of the predictions of the labelled types. */
  private static JsonObject score(List<LabeledText> data, List<List<Entity>> predicted, Map<String, String> labelOf) {
    Map<String, int[]> counts = new TreeMap<>(); // per extractor type: true pos., false pos., false neg., right value
    for (int i = 0; i < data.size(); i++) {
      Map<String, Entity> gold = data.get(i).entities().stream()
        .collect(Collectors.toMap(EntityEvaluation::key, g -> g, (a, b) -> a, HashMap::new));
      for (Entity p : predicted.get(i)) {
        if (!labelOf.containsKey(p.type())) {
          continue;
        }
        int[] c = counts.computeIfAbsent(p.type(), t -> new int[4]);
        Entity g = gold.remove(key(p));
        if (g == null) {
          c[1]++;
        } else {
          c[0]++;
          c[3] += sameValue(p, g) ? 1 : 0;
        }
      }
      gold.values().forEach(g -> counts.computeIfAbsent(typeOf(g.type()), t -> new int[4])[2]++);
    }
    int[] all = new int[4];
    JsonObject perType = new JsonObject();
    counts.forEach((type, c) -> {
      for (int k = 0; k < 4; k++) {
        all[k] += c[k];
      }
      perType.put(labelOf.get(type), scores(c));
    });
    return scores(all).put("perType", perType);
  }

  /** The example with each labelled span cut at the end of the text and stripped of spaces and punctuation. */
  public static LabeledText trimmed(LabeledText example) {
    String text = example.text();
    List<Entity> entities = new ArrayList<>();
    for (Entity e : example.entities()) {
      int start = e.start();
      int end = Math.min(e.end(), text.length());
      while (end > start && TRIMMED.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      while (start < end && TRIMMED.indexOf(text.charAt(start)) >= 0) {
        start++;
      }
      if (end > start) {
        entities.add(start == e.start() && end == e.end() ? e : new Entity(e.type(), e.value(), start, end));
      }
    }
    return new LabeledText(text, example.intent(), entities);
  }

  /** The extractor type a labelled type is scored as. */
  public static String typeOf(String labelledType) {
    return TYPE_ALIASES.getOrDefault(labelledType, labelledType);
  }

  /**
   * Whether the values agree: exactly, except that money is compared on its amount alone when the label carries
   * no currency ("12" against "12 USD"), because such data has no place for one.
   */
  public static boolean sameValue(Entity predicted, Entity labelled) {
    if (predicted.type().equals(Entity.MONEY) && !labelled.value().contains(" ")) {
      return predicted.value().split(" ", 2)[0].equals(labelled.value());
    }
    return predicted.value().equals(labelled.value());
  }

  private static String key(Entity e) {
    return typeOf(e.type()) + "\u0000" + e.start() + "\u0000" + e.end();
  }

  private static JsonObject scores(int[] c) {
    double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new JsonObject()
      .put("precision", round(precision))
      .put("recall", round(recall))
      .put("f1", round(f1))
      .put("valueAccuracy", c[0] == 0 ? 0.0 : round((double) c[3] / c[0]))
      .put("labelled", c[0] + c[2])
      .put("predicted", c[0] + c[1]);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
