package com.shopchat.recommend;

import com.shopchat.recommend.Recommendation.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One trained recommender: the catalog index, popularity, item kNN (viewed together and bought together), iALS
 * factors and content similarity, and the ranking that combines them with the conversation's constraints and the
 * shop's rules. Immutable, so one instance serves any number of threads and a retrain swaps in a whole new one.
 *
 * <p>A request gathers candidates from its sources — neighbours of the history, complements of the anchors, items
 * like the anchors in content, and the most popular items that meet the constraints (the pool iALS scores, so no
 * request scans the whole catalog) — admitting only items that are in stock, within the context's category,
 * brand, price, colour and size, and not bought, in the cart, just viewed, anchored or excluded. Each source's
 * neighbour evidence is scaled to 0..1 over the candidates, the others are 0..1 already; they are blended ({@link Blend}); the profile's category/brand affinities
 * and price band then scale the score; at most ⌈k/2⌉ results share a category unless the context fixes one (or
 * every candidate has the same one). Each result says why, and because of which item.
 */
public final class RecommenderModel {

  /** Most results one request may ask for. */
  public static final int MAX_K = 100;
  /** Popular items (meeting the constraints) that iALS scores per request. */
  static final int LATENT_POOL = 1000;
  /** Popular items per anchor category that content similarity compares against. */
  static final int CONTENT_POOL = 200;
  /** Popular items every request starts from, so that the diversity rule has other categories to pick. */
  static final int POPULAR_POOL = 200;

  private final CatalogIndex catalog;
  private final Popularity popularity;
  private final ItemKnn viewedTogether;
  private final ItemKnn boughtTogether;
  private final ImplicitAls latent;
  private final ContentSimilarity content;
  private final Blend blend;
  private final EventWeights weights;
  private final Instant trainedAt;
  private final int[] popular;
  private final int[][] popularByCategory;
  private final int[][] popularByBrand;

  RecommenderModel(CatalogIndex catalog, Popularity popularity, ItemKnn viewedTogether, ItemKnn boughtTogether,
      ImplicitAls latent, Blend blend, EventWeights weights, Instant trainedAt) {
    this.catalog = catalog;
    this.popularity = popularity;
    this.viewedTogether = viewedTogether;
    this.boughtTogether = boughtTogether;
    this.latent = latent;
    this.content = new ContentSimilarity(catalog, ContentSimilarity.Weights.DEFAULT);
    this.blend = blend;
    this.weights = weights;
    this.trainedAt = trainedAt;
    this.popular = popularity.order();
    this.popularByCategory = new int[catalog.categoryCount()][];
    for (int c = 0; c < popularByCategory.length; c++) {
      popularByCategory[c] = popularity.sort(catalog.itemsOfCategory(c));
    }
    int brands = 0;
    for (int i = 0; i < catalog.size(); i++) {
      brands = Math.max(brands, catalog.brand(i) + 1);
    }
    this.popularByBrand = new int[brands][];
    for (int b = 0; b < brands; b++) {
      popularByBrand[b] = popularity.sort(catalog.itemsOfBrand(b));
    }
  }

  public CatalogIndex catalog() {
    return catalog;
  }

  public Instant trainedAt() {
    return trainedAt;
  }

  /**
   * The top {@code k} (1..{@value #MAX_K}) products for a shopper in a conversation context, best first; fewer
   * when fewer products meet the constraints and rules, none when nothing does.
   */
  public List<Recommendation> recommend(ShopperProfile profile, RecommendationContext ctx, Strategy strategy,
      int k) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(strategy, "strategy");
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be 1.." + MAX_K + ", was " + k);
    }
    Request request = new Request(catalog, profile, ctx);
    if (request.impossible) {
      return List.of();
    }
    Candidates candidates = new Candidates();
    boolean personal = strategy != Strategy.POPULARITY && request.hasHistory();
    addPopular(request, candidates, personal ? POPULAR_POOL : Math.max(POPULAR_POOL, 4 * k));
    if (personal) {
      addContent(request, candidates);
      if (strategy == Strategy.HYBRID) {
        addNeighbours(request, candidates);
        addLatent(request, candidates);
      }
    }
    double[] weight = sourceWeights(strategy, personal, request);
    return select(request, candidates, weight, strategy != Strategy.POPULARITY, ctx.category() != null, k);
  }

  /** The most popular eligible items within the constraints, by walking the narrowest popularity list. */
  private void addPopular(Request r, Candidates c, int limit) {
    int found = 0;
    for (int item : popularList(r)) {
      if (found == limit) {
        break;
      }
      if (r.eligible(item)) {
        c.max(c.slot(item), Candidates.POPULAR, popularity.score(item), -1);
        found++;
      }
    }
  }

  private int[] popularList(Request r) {
    if (r.category >= 0 && r.brand >= 0) {
      int[] a = popularByCategory[r.category];
      int[] b = popularByBrand[r.brand];
      return a.length <= b.length ? a : b;
    }
    if (r.category >= 0) {
      return popularByCategory[r.category];
    }
    return r.brand >= 0 ? popularByBrand[r.brand] : popular;
  }

  /** Viewed-together neighbours of the history (recent views count more) and bought-together complements. */
  private void addNeighbours(Request r, Candidates c) {
    for (int rank = 0; rank < r.views.length; rank++) {
      spread(r, c, viewedTogether, Candidates.VIEWED, r.views[rank], 1f / (1 + 0.1f * rank));
    }
    for (int item : r.cart) {
      spread(r, c, viewedTogether, Candidates.VIEWED, item, 1.5f);
      spread(r, c, boughtTogether, Candidates.BOUGHT, item, 1f);
    }
    for (int item : r.purchased) {
      spread(r, c, boughtTogether, Candidates.BOUGHT, item, 0.5f);
    }
    for (int item : r.anchors) {
      spread(r, c, boughtTogether, Candidates.BOUGHT, item, 2f);
      spread(r, c, viewedTogether, Candidates.VIEWED, item, 0.5f);
    }
  }

  private static void spread(Request r, Candidates c, ItemKnn knn, int source, int from, float weight) {
    for (int n = 0; n < knn.neighbourCount(from); n++) {
      int to = knn.neighbour(from, n);
      if (r.eligible(to)) {
        float amount = weight * knn.similarity(from, n);
        c.add(to, source, amount, from, amount);
      }
    }
  }

  /** Items like the content anchors (anchors, cart, recent views), compared with the popular ones of their category. */
  private void addContent(Request r, Candidates c) {
    int[] anchors = contentAnchors(r);
    for (int anchor : anchors) {
      int cat = catalog.category(anchor);
      if (cat < 0 || r.category >= 0 && r.category != cat) {
        continue;
      }
      int found = 0;
      for (int item : popularByCategory[cat]) {
        if (found == CONTENT_POOL) {
          break;
        }
        if (item != anchor && r.eligible(item)) {
          c.slot(item);
          found++;
        }
      }
    }
    ContentSimilarity.Anchor[] like = new ContentSimilarity.Anchor[anchors.length];
    for (int a = 0; a < anchors.length; a++) {
      like[a] = content.anchor(anchors[a]);
    }
    for (int s = 0; s < c.size; s++) {
      int item = c.item[s];
      for (ContentSimilarity.Anchor anchor : like) {
        c.max(s, Candidates.CONTENT, (float) anchor.similarity(item), anchor.item());
      }
    }
  }

  private static int[] contentAnchors(Request r) {
    int[] out = new int[3];
    int n = 0;
    for (int[] list : new int[][] {r.anchors, r.cart, r.views, r.purchased}) {
      for (int i = 0; i < list.length && n < out.length; i++) {
        if (!contains(out, n, list[i])) {
          out[n++] = list[i];
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean contains(int[] a, int n, int x) {
    for (int i = 0; i < n; i++) {
      if (a[i] == x) {
        return true;
      }
    }
    return false;
  }

  /** Folds the history into a user vector and scores the candidates plus the top popular eligible items. */
  private void addLatent(Request r, Candidates c) {
    int n = r.views.length + r.cart.length + r.purchased.length;
    int[] history = new int[n];
    float[] w = new float[n];
    int h = 0;
    for (int item : r.views) {
      history[h] = item;
      w[h++] = (float) weights.view();
    }
    for (int item : r.cart) {
      history[h] = item;
      w[h++] = (float) weights.addToCart();
    }
    for (int item : r.purchased) {
      history[h] = item;
      w[h++] = (float) weights.purchase();
    }
    if (n == 0) {
      return;
    }
    float[] user = latent.foldIn(history, w, n);
    int found = 0;
    for (int item : popularList(r)) {
      if (found == LATENT_POOL) {
        break;
      }
      if (r.eligible(item)) {
        c.slot(item);
        found++;
      }
    }
    for (int s = 0; s < c.size; s++) {
      c.max(s, Candidates.LATENT, latent.score(user, c.item[s]), -1);
    }
  }

  private double[] sourceWeights(Strategy strategy, boolean personal, Request r) {
    double[] w = new double[Candidates.SOURCES];
    if (!personal) {
      w[Candidates.POPULAR] = 1;
      return w;
    }
    if (strategy == Strategy.CONTENT) {
      w[Candidates.CONTENT] = 1;
      w[Candidates.POPULAR] = 0.05;
      return w;
    }
    w[Candidates.VIEWED] = blend.viewedTogether();
    w[Candidates.BOUGHT] = blend.boughtTogether() * (r.anchors.length > 0 ? blend.anchorBoost() : 1);
    w[Candidates.LATENT] = blend.latent();
    w[Candidates.CONTENT] = blend.content();
    w[Candidates.POPULAR] = blend.popularity();
    return w;
  }

  /** Blends, applies the soft preferences, ranks and picks under the diversity rule. */
  private List<Recommendation> select(Request r, Candidates c, double[] weight, boolean useAffinity,
      boolean categoryFixed, int k) {
    // Neighbour evidence is a sum over the history, so it is scaled by its largest value; the other sources are
    // on an absolute 0..1 scale already (iALS predicts a preference, content and popularity are bounded), and
    // scaling them would blow a history that iALS knows nothing about up into confident noise.
    float[] max = {0, 0, 1, 1, 1};
    for (int src : new int[] {Candidates.VIEWED, Candidates.BOUGHT}) {
      for (int s = 0; s < c.size; s++) {
        max[src] = Math.max(max[src], c.evidence[src][s]);
      }
    }
    double[] score = new double[c.size];
    int[] reason = new int[c.size];
    for (int s = 0; s < c.size; s++) {
      double total = 0;
      double best = 0;
      reason[s] = Candidates.POPULAR;
      for (int src = 0; src < Candidates.SOURCES; src++) {
        double part = max[src] <= 0 ? 0 : weight[src] * Math.min(1, Math.max(0, c.evidence[src][s] / max[src]));
        total += part;
        if (part > best) {
          best = part;
          reason[s] = src;
        }
      }
      int item = c.item[s];
      score[s] = total * r.priceFactor(item) * (useAffinity ? r.affinityFactor(item) : 1);
    }
    return pick(r, c, new Ranking(score, c.item, c.size), score, reason, categoryFixed || oneCategory(c), k);
  }

  /**
   * The candidates best first (higher score, then lower item number), handed out one at a time from a binary
   * heap: building it costs O(n) and each {@link #next} O(log n), so a request that picks ten of two thousand
   * candidates does not sort them all. The order is the same total order a full sort would give.
   */
  static final class Ranking {
    private final double[] score;
    private final int[] item;
    private final int[] heap;
    private int size;

    Ranking(double[] score, int[] item, int n) {
      this.score = score;
      this.item = item;
      this.heap = new int[n];
      for (int s = 0; s < n; s++) {
        heap[s] = s;
      }
      size = n;
      for (int k = n / 2 - 1; k >= 0; k--) {
        down(k);
      }
    }

    boolean hasNext() {
      return size > 0;
    }

    /** The best slot not handed out yet. */
    int next() {
      int top = heap[0];
      heap[0] = heap[--size];
      down(0);
      return top;
    }

    /** Whether slot {@code a} ranks before slot {@code b}. */
    private boolean before(int a, int b) {
      return score[a] != score[b] ? Double.compare(score[b], score[a]) < 0 : item[a] < item[b];
    }

    private void down(int k) {
      int s = heap[k];
      while (true) {
        int child = 2 * k + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && before(heap[child + 1], heap[child])) {
          child++;
        }
        if (!before(heap[child], s)) {
          break;
        }
        heap[k] = heap[child];
        k = child;
      }
      heap[k] = s;
    }
  }

  private boolean oneCategory(Candidates c) {
    for (int s = 1; s < c.size; s++) {
      if (catalog.category(c.item[s]) != catalog.category(c.item[0])) {
        return false;
      }
    }
    return true;
  }

  private List<Recommendation> pick(Request r, Candidates c, Ranking order, double[] score, int[] reason,
      boolean categoryFixed, int k) {
    int cap = categoryFixed ? k : (k + 1) / 2;
    int[] perCategory = new int[catalog.categoryCount() + 1];
    List<Recommendation> out = new ArrayList<>(k);
    while (out.size() < k && order.hasNext()) {
      int s = order.next();
      int item = c.item[s];
      int cat = catalog.category(item) + 1;
      if (perCategory[cat] == cap) {
        continue;
      }
      perCategory[cat]++;
      int anchorItem = c.anchor[reason[s]][s];
      out.add(new Recommendation(catalog.sku(item), score[s], reasonOf(reason[s], r),
          anchorItem < 0 ? null : catalog.sku(anchorItem)));
    }
    return List.copyOf(out);
  }

  private static Reason reasonOf(int source, Request r) {
    return switch (source) {
      case Candidates.VIEWED -> Reason.VIEWED_TOGETHER;
      case Candidates.BOUGHT -> Reason.BOUGHT_TOGETHER;
      case Candidates.LATENT -> Reason.FOR_YOU;
      case Candidates.CONTENT -> Reason.SIMILAR;
      default -> r.constrained ? Reason.MATCHES_REQUEST : Reason.POPULAR;
    };
  }
}
