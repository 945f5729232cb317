package com.shopchat.recommend;

import java.util.Arrays;

/**
 * Item-to-item collaborative filtering: for every item its top-N neighbours by cosine similarity of their
 * columns in the user × item matrix (two items are similar when the same users interacted with both, weighted).
 * Built once from the views/carts/purchases matrix it serves "viewed together"; built from purchases alone it
 * serves "bought together" (complements). Neighbour lists are flat primitive arrays; immutable and thread-safe.
 *
 * <p>Co-occurrences are counted per item by walking its users' rows, the cost being Σ over users of their row
 * length squared; rows longer than {@code maxUserItems} (crawlers, resellers) are skipped because they would
 * dominate both the cost and the similarities. A shrinkage term damps similarities resting on few shared users.
 */
public final class ItemKnn {

  private final int items;
  private final int neighbours;
  private final int[] count;
  private final int[] neighbour;
  private final float[] similarity;

  private ItemKnn(int items, int neighbours, int[] count, int[] neighbour, float[] similarity) {
    this.items = items;
    this.neighbours = neighbours;
    this.count = count;
    this.neighbour = neighbour;
    this.similarity = similarity;
  }

  /** Training settings: neighbours kept per item, longest user row used, shrinkage, threads. */
  public record Settings(int neighbours, int maxUserItems, double shrink, int threads) {
    public static final Settings DEFAULT = new Settings(50, 500, 2.0, Runtime.getRuntime().availableProcessors());
  }

  /** Trains on a users × items matrix. */
  public static ItemKnn train(Interactions userItems, Settings settings) {
    int items = userItems.columns();
    int n = settings.neighbours();
    Interactions itemUsers = userItems.transpose();
    float[] norm = new float[items];
    for (int i = 0; i < items; i++) {
      double s = 0;
      for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
        if (userItems.rowLength(itemUsers.column(e)) <= settings.maxUserItems()) {
          double w = dampen(itemUsers.value(e));
          s += w * w;
        }
      }
      norm[i] = (float) Math.sqrt(s);
    }
    int[] count = new int[items];
    int[] neighbour = new int[items * n];
    float[] similarity = new float[items * n];
    Parallel.forBlocks(settings.threads(), items, 256, (from, to) -> {
      float[] dot = new float[items];
      int[] touched = new int[items];
      for (int i = from; i < to; i++) {
        int t = coOccurrences(i, userItems, itemUsers, settings.maxUserItems(), dot, touched);
        count[i] = topN(i, t, touched, dot, norm, settings.shrink(), n, neighbour, similarity);
      }
    });
    return new ItemKnn(items, n, count, neighbour, similarity);
  }

  /** Log-damped weight: ten views are more than one, not ten times more. */
  static double dampen(float weight) {
    return Math.log1p(weight);
  }

  public int items() {
    return items;
  }

  /** How many neighbours {@code item} has (at most the configured N). */
  public int neighbourCount(int item) {
    return count[item];
  }

  /** The {@code rank}-th neighbour of {@code item}, most similar first. */
  public int neighbour(int item, int rank) {
    return neighbour[item * neighbours + rank];
  }

  public float similarity(int item, int rank) {
    return similarity[item * neighbours + rank];
  }

  /** Cosine similarity of two items if {@code other} is among {@code item}'s neighbours, else 0. */
  public float similarityTo(int item, int other) {
    for (int r = 0; r < count[item]; r++) {
      if (neighbour[item * neighbours + r] == other) {
        return similarity[item * neighbours + r];
      }
    }
    return 0;
  }

  private static int coOccurrences(int i, Interactions userItems, Interactions itemUsers, int maxUserItems,
      float[] dot, int[] touched) {
    int t = 0;
    for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
      int u = itemUsers.column(e);
      if (userItems.rowLength(u) > maxUserItems) {
        continue;
      }
      double wi = dampen(itemUsers.value(e));
      for (int f = userItems.rowStart(u); f < userItems.rowEnd(u); f++) {
        int j = userItems.column(f);
        if (j == i) {
          continue;
        }
        if (dot[j] == 0) {
          touched[t++] = j;
        }
        dot[j] += (float) (wi * dampen(userItems.value(f)));
      }
    }
    return t;
  }

  /** Keeps the n most similar of the touched items (a bounded min-heap) and clears the scratch. */
  private static int topN(int i, int t, int[] touched, float[] dot, float[] norm, double shrink, int n,
      int[] neighbour, float[] similarity) {
    int base = i * n;
    int size = 0;
    for (int k = 0; k < t; k++) {
      int j = touched[k];
      float sim = (float) (dot[j] / (norm[i] * norm[j] + shrink));
      dot[j] = 0;
      if (size < n) {
        neighbour[base + size] = j;
        similarity[base + size] = sim;
        size++;
        siftUp(neighbour, similarity, base, size - 1);
      } else if (sim > similarity[base]) {
        neighbour[base] = j;
        similarity[base] = sim;
        siftDown(neighbour, similarity, base, size);
      }
    }
    sortDescending(neighbour, similarity, base, size);
    return size;
  }

  private static void siftUp(int[] ids, float[] keys, int base, int k) {
    while (k > 0) {
      int parent = (k - 1) / 2;
      if (keys[base + parent] <= keys[base + k]) {
        return;
      }
      swap(ids, keys, base + parent, base + k);
      k = parent;
    }
  }

  private static void siftDown(int[] ids, float[] keys, int base, int size) {
    int k = 0;
    while (true) {
      int l = 2 * k + 1;
      int smallest = k;
      if (l < size && keys[base + l] < keys[base + smallest]) {
        smallest = l;
      }
      if (l + 1 < size && keys[base + l + 1] < keys[base + smallest]) {
        smallest = l + 1;
      }
      if (smallest == k) {
        return;
      }
      swap(ids, keys, base + k, base + smallest);
      k = smallest;
    }
  }

  private static void sortDescending(int[] ids, float[] keys, int base, int size) {
    Integer[] order = new Integer[size];
    for (int k = 0; k < size; k++) {
      order[k] = k;
    }
    // Ties broken by item number so that training is deterministic whatever the thread schedule.
    Arrays.sort(order, (a, b) -> keys[base + a] != keys[base + b]
        ? Float.compare(keys[base + b], keys[base + a]) : Integer.compare(ids[base + a], ids[base + b]));
    int[] sortedIds = new int[size];
    float[] sortedKeys = new float[size];
    for (int k = 0; k < size; k++) {
      sortedIds[k] = ids[base + order[k]];
      sortedKeys[k] = keys[base + order[k]];
    }
    System.arraycopy(sortedIds, 0, ids, base, size);
    System.arraycopy(sortedKeys, 0, keys, base, size);
  }

  private static void swap(int[] ids, float[] keys, int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    float key = keys[a];
    keys[a] = keys[b];
    keys[b] = key;
  }
}
