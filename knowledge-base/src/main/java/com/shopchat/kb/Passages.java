package com.shopchat.kb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the part of a long answer that a question is about: an imported FAQ answer of several paragraphs (delivery
 * times, then costs, then customs) is better answered with the paragraph that holds the question's words, the whole
 * entry one tap away.
 */
final class Passages {

  /** Answers up to this many characters are always given whole. */
  static final int MIN_ANSWER_LENGTH = 400;

  /** A passage must be at most this share of the answer, or the whole answer reads as well. */
  private static final double MAX_SHARE = 0.6;

  private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
  private static final Pattern LINES = Pattern.compile("\\n");

  private Passages() {
  }

  /**
   * The paragraph of {@code answer} sharing the most distinct terms with the question ({@code queryTerms}, analysed
   * as the search analysed them); paragraphs are blank-line separated, or lines when there are none. Null when the
   * answer is short, has one paragraph, no paragraph holds a question term, two paragraphs hold as many, or the best
   * one is most of the answer anyway.
   */
  static String best(String answer, List<String> queryTerms, QueryTerms terms) {
    if (answer.length() <= MIN_ANSWER_LENGTH || queryTerms.isEmpty()) {
      return null;
    }
    String[] parts = PARAGRAPHS.split(answer.strip());
    if (parts.length < 2) {
      parts = LINES.split(answer.strip());
    }
    if (parts.length < 2) {
      return null;
    }
    Set<String> wanted = new HashSet<>(queryTerms);
    String best = null;
    int bestScore = 0;
    int runnerUp = 0;
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      Set<String> found = new HashSet<>(terms.all(part));
      found.retainAll(wanted);
      if (found.size() > bestScore) {
        runnerUp = bestScore;
        bestScore = found.size();
        best = part.strip();
      } else if (found.size() > runnerUp) {
        runnerUp = found.size();
      }
    }
    // A tie means the question is about the whole entry (its title's words recur), not about one paragraph.
    boolean specific = best != null && bestScore > runnerUp;
    return !specific || best.length() > answer.length() * MAX_SHARE ? null : best;
  }
}
