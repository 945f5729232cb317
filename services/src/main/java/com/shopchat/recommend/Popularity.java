package com.shopchat.recommend;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How popular each item is: the sum of its time-decayed event weights (so this month's hits outrank last year's,
 * which is what "trending" means to a shop), normalised with a log so that the top seller does not flatten the
 * rest, plus the items in descending order — the cold-start list. Immutable.
 */
public final class Popularity {

  private final float[] weight;
  private final float[] score;
  private final int[] order;

  private Popularity(float[] weight) {
    this.weight = weight;
    double max = 0;
    for (float w : weight) {
      max = Math.max(max, w);
    }
    score = new float[weight.length];
    double norm = Math.log1p(max);
    for (int i = 0; i < weight.length; i++) {
      score[i] = norm == 0 ? 0 : (float) (Math.log1p(weight[i]) / norm);
    }
    order = byDescending(weight, IntStream.range(0, weight.length).toArray());
  }

  /** From per-item decayed weights (index = item). */
  public static Popularity of(float[] weight) {
    return new Popularity(Arrays.copyOf(weight, weight.length));
  }

  /** Column sums of a users × items matrix: popularity as interaction weight. */
  public static Popularity of(Interactions userItems) {
    float[] w = new float[userItems.columns()];
    for (int e = 0; e < userItems.size(); e++) {
      w[userItems.column(e)] += userItems.value(e);
    }
    return new Popularity(w);
  }

  /** 0..1, 1 for the most popular item. */
  public float score(int item) {
    return score[item];
  }

  public float weight(int item) {
    return weight[item];
  }

  /** Items, most popular first (ties by item number). */
  public int[] order() {
    return order.clone();
  }

  /** {@code items} sorted most popular first, a new array. */
  public int[] sort(int[] items) {
    return byDescending(weight, items);
  }

  private static int[] byDescending(float[] weight, int[] items) {
    return Arrays.stream(items).boxed()
        .sorted((a, b) -> weight[a] != weight[b] ? Float.compare(weight[b], weight[a]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
  }
}
