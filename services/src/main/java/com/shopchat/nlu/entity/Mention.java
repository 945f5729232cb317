package com.shopchat.nlu.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where an utterance mentions a catalog name: a run of its words that each match a different word of the name,
 * exactly or within the typo edits for their length, with at most one other word between two of them and no
 * punctuation ("merino wool crew sweter" mentions Merino Crew Sweater by three words and one edit).
 */
record Mention(int first, int last, List<String> matchedWords, int edits) {

  private static final String BREAKS = ",.;:!?()[]{}\"。，；：！？（）";

  /**
   * Every mention of the name in the utterance, left to right; {@code near} holds, per utterance word, the
   * catalog words it matches and the edits each takes.
   */
  static List<Mention> align(Utterance u, List<String> name, List<Map<String, Integer>> near) {
    List<Mention> mentions = new ArrayList<>();
    boolean[] used = new boolean[name.size()];
    List<String> matched = new ArrayList<>();
    int first = -1;
    int last = -1;
    int edits = 0;
    for (int i = 0; i < u.size(); i++) {
      if (first >= 0 && (i - last > 2 || broken(u, last, i))) {
        mentions.add(new Mention(first, last, List.copyOf(matched), edits));
        first = -1;
        matched.clear();
        edits = 0;
        Arrays.fill(used, false);
      }
      Map<String, Integer> matches = near.get(i);
      int k = bestWord(matches, name, used);
      if (k < 0) {
        continue;
      }
      used[k] = true;
      matched.add(name.get(k));
      edits += matches.get(name.get(k));
      first = first < 0 ? i : first;
      last = i;
    }
    if (first >= 0) {
      mentions.add(new Mention(first, last, List.copyOf(matched), edits));
    }
    return mentions;
  }

  /** The unused word of the name that the utterance word matches with the fewest edits; -1 when none. */
  private static int bestWord(Map<String, Integer> matches, List<String> name, boolean[] used) {
    int best = -1;
    int fewest = Integer.MAX_VALUE;
    for (int k = 0; k < name.size(); k++) {
      Integer edits = matches.get(name.get(k));
      if (!used[k] && edits != null && edits < fewest) {
        best = k;
        fewest = edits;
      }
    }
    return best;
  }

  private static boolean broken(Utterance u, int from, int to) {
    String between = u.text().substring(u.end(from), u.start(to));
    for (int i = 0; i < between.length(); i++) {
      if (BREAKS.indexOf(between.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
