package com.shopchat.recommend;

import java.util.Arrays;

/**
 * The candidates of one request and each source's evidence for them: an open-addressing item → slot map over
 * parallel primitive arrays, so that a thousand candidates cost no boxing. One per request; not thread-safe.
 */
final class Candidates {

  static final int VIEWED = 0;
  static final int BOUGHT = 1;
  static final int LATENT = 2;
  static final int CONTENT = 3;
  static final int POPULAR = 4;
  static final int SOURCES = 5;

  private int[] keys = new int[1024];
  private int mask = keys.length - 1;
  int size;
  int[] item = new int[256];
  float[][] evidence = new float[SOURCES][256];
  int[][] anchor = new int[SOURCES][256];
  private float[][] best = new float[SOURCES][256];

  Candidates() {
    Arrays.fill(keys, -1);
  }

  /** The slot of {@code it}, added with no evidence if new. */
  int slot(int it) {
    int h = mix(it) & mask;
    while (keys[h] != -1) {
      int s = keys[h];
      if (item[s] == it) {
        return s;
      }
      h = (h + 1) & mask;
    }
    if (size == item.length) {
      growSlots();
    }
    int s = size++;
    item[s] = it;
    // Evidence and best are 0 already: the arrays are new (or grown with zeros) and slots are never reused.
    for (int k = 0; k < SOURCES; k++) {
      anchor[k][s] = -1;
    }
    keys[h] = s;
    if (size * 2 > keys.length) {
      rehash();
    }
    return s;
  }

  boolean contains(int it) {
    int h = mix(it) & mask;
    while (keys[h] != -1) {
      if (item[keys[h]] == it) {
        return true;
      }
      h = (h + 1) & mask;
    }
    return false;
  }

  /** Adds {@code amount} of a source's evidence; the anchor is the one that contributed most. */
  void add(int it, int source, float amount, int from, float contribution) {
    int s = slot(it);
    evidence[source][s] += amount;
    if (from >= 0 && (anchor[source][s] == -1 || contribution > bestContribution(source, s))) {
      anchor[source][s] = from;
      best[source][s] = contribution;
    }
  }

  /** Sets a source's evidence (max, not sum), with its anchor. */
  void max(int s, int source, float value, int from) {
    if (value > evidence[source][s]) {
      evidence[source][s] = value;
      anchor[source][s] = from;
    }
  }

  private float bestContribution(int source, int s) {
    return best[source][s];
  }

  private void growSlots() {
    int n = item.length * 2;
    item = Arrays.copyOf(item, n);
    for (int k = 0; k < SOURCES; k++) {
      evidence[k] = Arrays.copyOf(evidence[k], n);
      anchor[k] = Arrays.copyOf(anchor[k], n);
      best[k] = Arrays.copyOf(best[k], n);
    }
  }

  private void rehash() {
    keys = new int[keys.length * 2];
    mask = keys.length - 1;
    Arrays.fill(keys, -1);
    for (int s = 0; s < size; s++) {
      int h = mix(item[s]) & mask;
      while (keys[h] != -1) {
        h = (h + 1) & mask;
      }
      keys[h] = s;
    }
  }

  private static int mix(int x) {
    x *= 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
