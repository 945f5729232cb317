package com.shopchat.nlu.entity;

/** Edit distance for typo-tolerant word matching: Damerau's, where swapping two neighbours is one edit. */
final class Fuzzy {

  private Fuzzy() {
  }

  /**
   * The edits a shopper's typo may hold and still name a word of this length: none up to 3 letters ("tee"
   * must not match "the"), one up to 5, two beyond — the same steps as Lucene's fuzzy search.
   */
  static int allowedEdits(int length) {
    return length <= 3 ? 0 : length <= 5 ? 1 : 2;
  }

  /** Whether {@code typed} is within the edits allowed for {@code word}'s length. */
  static boolean near(String typed, String word) {
    return distance(typed, word, allowedEdits(Math.min(typed.length(), word.length()))) >= 0;
  }

  /**
   * The optimal-string-alignment distance between {@code a} and {@code b} when it is at most {@code max},
   * else -1; stops early, so a far-off pair costs little.
   */
  static int distance(String a, String b, int max) {
    if (a.equals(b)) {
      return 0;
    }
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return -1;
    }
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > max) {
        return -1;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return previous[m] <= max ? previous[m] : -1;
  }
}
