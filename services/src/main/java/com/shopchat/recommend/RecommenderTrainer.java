package com.shopchat.recommend;

import com.shopchat.commerce.Product;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link RecommenderModel} from the catalog and the behaviour events: one pass over the events builds the
 * user × item matrix (type weights × time decay, see {@link EventWeights}), the cart-and-purchase matrix for
 * "bought together", and decayed popularity; then item kNN twice and iALS. CPU-heavy and blocking: call it on a
 * worker, never on an event loop. Stateless; each call returns a new, independent model.
 */
public final class RecommenderTrainer {

  /** All training settings in one place. */
  public record Settings(EventWeights weights, ItemKnn.Settings knn, ImplicitAls.Settings als, Blend blend) {
    public static final Settings DEFAULT =
        new Settings(EventWeights.DEFAULT, ItemKnn.Settings.DEFAULT, ImplicitAls.Settings.DEFAULT, Blend.DEFAULT);
  }

  /** A model and the report of its training. */
  public record Trained(RecommenderModel model, TrainingReport report) {
  }

  private final Settings settings;

  public RecommenderTrainer(Settings settings) {
    this.settings = settings;
  }

  /** Trains on {@code products} and {@code events} as of {@code now} (the reference of the time decay). */
  public Trained train(List<Product> products, Iterable<BehaviourEvent> events, Instant now) {
    long t0 = System.nanoTime();
    CatalogIndex catalog = CatalogIndex.of(products);
    long t1 = System.nanoTime();
    Matrices m = matrices(catalog, events, now);
    long t2 = System.nanoTime();
    ItemKnn viewed = ItemKnn.train(m.all, settings.knn());
    long t3 = System.nanoTime();
    ItemKnn bought = ItemKnn.train(m.bought, settings.knn());
    long t4 = System.nanoTime();
    ImplicitAls als = ImplicitAls.train(m.all, settings.als());
    long t5 = System.nanoTime();
    RecommenderModel model = new RecommenderModel(catalog, Popularity.of(m.popularity), viewed, bought, als,
        settings.blend(), settings.weights(), now);
    long t6 = System.nanoTime();
    TrainingReport report = new TrainingReport(catalog.size(), m.events, m.used, m.all.rows(), m.all.size(),
        m.bought.size(), seconds(t0, t1), seconds(t1, t2), seconds(t2, t3), seconds(t3, t4), seconds(t4, t5),
        seconds(t0, t6), now);
    return new Trained(model, report);
  }

  private record Matrices(Interactions all, Interactions bought, float[] popularity, long events, long used) {
  }

  private Matrices matrices(CatalogIndex catalog, Iterable<BehaviourEvent> events, Instant now) {
    EventWeights w = settings.weights();
    Map<String, Integer> users = new HashMap<>();
    // Users are numbered as they come, so the builders' row count is only known at the end: collect first.
    IntList rows = new IntList();
    IntList items = new IntList();
    FloatList weights = new FloatList();
    IntList boughtFlags = new IntList();
    float[] popularity = new float[catalog.size()];
    long total = 0;
    long used = 0;
    for (BehaviourEvent e : events) {
      total++;
      double weight = w.weight(e, now);
      if (weight <= 0 || e.userKey() == null) {
        continue;
      }
      int user = users.computeIfAbsent(e.userKey(), k -> users.size());
      boolean any = false;
      for (String sku : e.skus()) {
        int item = catalog.item(sku);
        if (item < 0) {
          continue;
        }
        any = true;
        rows.add(user);
        items.add(item);
        weights.add((float) weight);
        boughtFlags.add(e.type() == EventType.PURCHASE || e.type() == EventType.ADD_TO_CART ? 1 : 0);
        popularity[item] += (float) weight;
      }
      used += any ? 1 : 0;
    }
    Interactions.Builder all = new Interactions.Builder(users.size(), catalog.size());
    Interactions.Builder bought = new Interactions.Builder(users.size(), catalog.size());
    for (int k = 0; k < rows.size; k++) {
      all.add(rows.data[k], items.data[k], weights.data[k]);
      if (boughtFlags.data[k] == 1) {
        bought.add(rows.data[k], items.data[k], 1);
      }
    }
    return new Matrices(all.build(), bought.build(), popularity, total, used);
  }

  private static double seconds(long from, long to) {
    return Math.round((to - from) / 1e6) / 1e3;
  }

  /** A growable int array. */
  static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size + (size >> 1));
      }
      data[size++] = v;
    }
  }

  /** A growable float array. */
  static final class FloatList {
    float[] data = new float[1024];
    int size;

    void add(float v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size + (size >> 1));
      }
      data[size++] = v;
    }
  }
}
