package com.shopchat.nlu.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of the catalog's names, for typo-tolerant lookup: a typed word matches a catalog word when they are
 * equal or, both four letters or longer and starting with the same letter, within {@link Fuzzy#allowedEdits}.
 * Words are bucketed by first letter and length, so a lookup compares against a handful of candidates.
 */
final class CatalogVocabulary {

  private final Set<String> exact;
  // first letter → length → words
  private final Map<Character, Map<Integer, List<String>>> buckets = new HashMap<>();

  CatalogVocabulary(List<String> words) {
    this.exact = Set.copyOf(new HashSet<>(words));
    for (String word : exact) {
      if (fuzzyable(word)) {
        buckets.computeIfAbsent(word.charAt(0), c -> new HashMap<>())
          .computeIfAbsent(word.length(), n -> new ArrayList<>()).add(word);
      }
    }
  }

  /** Digits never match approximately ("65" is not "66"), nor do short words ("tee" is not "the"). */
  private static boolean fuzzyable(String word) {
    return word.length() >= 4 && word.chars().noneMatch(Character::isDigit);
  }

  /** For each word of the utterance, the catalog words it matches and the edits each takes (0 when exact). */
  List<Map<String, Integer>> near(Utterance u) {
    List<Map<String, Integer>> near = new ArrayList<>(u.size());
    for (int i = 0; i < u.size(); i++) {
      near.add(near(u.word(i)));
    }
    return near;
  }

  Map<String, Integer> near(String word) {
    Map<String, Integer> found = new HashMap<>(4);
    if (exact.contains(word)) {
      found.put(word, 0);
    }
    if (!fuzzyable(word)) {
      return found;
    }
    Map<Integer, List<String>> byLength = buckets.get(word.charAt(0));
    if (byLength == null) {
      return found;
    }
    for (int length = word.length() - 2; length <= word.length() + 2; length++) {
      for (String candidate : byLength.getOrDefault(length, List.of())) {
        int edits = Fuzzy.distance(word, candidate, Fuzzy.allowedEdits(Math.min(word.length(), length)));
        if (edits > 0) {
          found.put(candidate, edits);
        }
      }
    }
    return found;
  }
}
