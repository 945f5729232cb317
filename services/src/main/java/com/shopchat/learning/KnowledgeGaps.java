package com.shopchat.learning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions the bot could not answer, grouped by their words: each message joins the first group whose words it
 * shares enough of (cosine of word counts), else starts one. Words, not the model's sentence vectors, because a gap
 * is by definition what the model does not know; pure logic, so a test drives it directly.
 */
public final class KnowledgeGaps {

  /** How alike a question must be to a group's words to join it. */
  static final double JOIN = 0.35;
  private static final Pattern WORD = Pattern.compile("[\\p{IsHan}]|[\\p{L}\\p{N}]+");
  private static final Set<String> STOP = Set.of("a", "an", "the", "i", "my", "me", "you", "your", "to", "do", "does",
    "is", "are", "can", "of", "for", "in", "on", "it", "and", "or", "what", "how", "with", "be", "we", "our",
    "there", "any", "have", "has", "will", "please", "at", "this", "that", "的", "吗", "我", "你", "了", "是", "么", "什");

  private KnowledgeGaps() {
  }

  /** One group: the messages in it (newest first) and its most frequent words. */
  public record Cluster(List<LearningRepository.InboxItem> items, List<String> words) {

    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      items.forEach(i -> list.add(new JsonObject().put("id", i.id()).put("text", i.text()).put("locale", i.locale())
        .put("intent", i.intent()).put("createdAt", i.createdAt().toInstant().toString())));
      LinkedHashSet<String> phrasings = new LinkedHashSet<>();
      items.forEach(i -> phrasings.add(i.text().strip()));
      return new JsonObject().put("size", items.size()).put("locale", locale()).put("words", new JsonArray(words))
        .put("questions", new JsonArray(new ArrayList<>(phrasings))).put("items", list);
    }

    /** The locale most of its messages came in. */
    public String locale() {
      Map<String, Integer> counts = new HashMap<>();
      items.forEach(i -> counts.merge(i.locale(), 1, Integer::sum));
      return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("en");
    }
  }

  /** The groups, biggest first (newest first among equals); messages without a content word are left out. */
  public static List<Cluster> cluster(List<LearningRepository.InboxItem> items) {
    List<List<LearningRepository.InboxItem>> groups = new ArrayList<>();
    List<Map<String, Integer>> centroids = new ArrayList<>();
    for (LearningRepository.InboxItem item : items) {
      Map<String, Integer> words = words(item.text());
      if (words.isEmpty()) {
        continue;
      }
      int best = -1;
      double bestSimilarity = JOIN;
      for (int g = 0; g < groups.size(); g++) {
        double similarity = cosine(words, centroids.get(g));
        if (similarity >= bestSimilarity) {
          best = g;
          bestSimilarity = similarity;
        }
      }
      if (best < 0) {
        groups.add(new ArrayList<>());
        centroids.add(new HashMap<>());
        best = groups.size() - 1;
      }
      groups.get(best).add(item);
      Map<String, Integer> centroid = centroids.get(best);
      words.forEach((w, n) -> centroid.merge(w, n, Integer::sum));
    }
    List<Cluster> clusters = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<String> top = centroids.get(g).entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(3).map(Map.Entry::getKey).toList();
      clusters.add(new Cluster(List.copyOf(groups.get(g)), top));
    }
    clusters.sort(Comparator.comparingInt((Cluster c) -> c.items().size()).reversed());
    return clusters;
  }

  /** Content words (Chinese: characters) and how often each occurs, lower-cased. */
  static Map<String, Integer> words(String text) {
    Map<String, Integer> words = new HashMap<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (!STOP.contains(w)) {
        words.merge(stem(w), 1, Integer::sum);
      }
    }
    return words;
  }

  /**
   * A light English stem, enough for shoppers' variants of one word ("wrapping", "wrapped", "wraps" → "wrap");
   * other scripts as they are.
   */
  static String stem(String word) {
    if (!word.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
      return word;
    }
    String w = word;
    if (w.length() > 5 && w.endsWith("ing")) {
      w = w.substring(0, w.length() - 3);
    } else if (w.length() > 4 && w.endsWith("ed")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    } else {
      return w;
    }
    int n = w.length();
    return n > 2 && w.charAt(n - 1) == w.charAt(n - 2) && "aeiou".indexOf(w.charAt(n - 1)) < 0
      ? w.substring(0, n - 1) : w;
  }

  private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
    double dot = 0;
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
    }
    return dot == 0 ? 0 : dot / (norm(a) * norm(b));
  }

  private static double norm(Map<String, Integer> v) {
    double sum = 0;
    for (int n : v.values()) {
      sum += (double) n * n;
    }
    return Math.sqrt(sum);
  }
}
