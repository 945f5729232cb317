package com.shopchat.recommend;

import java.util.Arrays;

/**
 * How alike two products are by what the catalog says of them: same category, same brand, same colour and
 * material, shared title/description words (Jaccard) and close prices, weighted into 0..1. Computed on demand
 * from the interned features of {@link CatalogIndex} (a comparison is a few array reads and one merge of two
 * short sorted word lists), so nothing item × item is stored. Works without any behaviour data, which is why it
 * serves new products and new shops.
 */
public final class ContentSimilarity {

  /** Weights of the features; they sum to 1. */
  public record Weights(double category, double brand, double color, double material, double words, double price) {
    public static final Weights DEFAULT = new Weights(0.30, 0.20, 0.10, 0.05, 0.25, 0.10);
  }

  private final CatalogIndex catalog;
  private final Weights weights;

  public ContentSimilarity(CatalogIndex catalog, Weights weights) {
    this.catalog = catalog;
    this.weights = weights;
  }

  public double similarity(int a, int b) {
    CatalogIndex c = catalog;
    double s = 0;
    if (c.category(a) >= 0 && c.category(a) == c.category(b)) {
      s += weights.category();
    }
    if (c.brand(a) >= 0 && c.brand(a) == c.brand(b)) {
      s += weights.brand();
    }
    if (c.color(a) >= 0 && c.color(a) == c.color(b)) {
      s += weights.color();
    }
    if (c.material(a) >= 0 && c.material(a) == c.material(b)) {
      s += weights.material();
    }
    s += weights.words() * jaccard(c.tokens(a), c.tokens(b));
    long pa = c.price(a);
    long pb = c.price(b);
    if (pa > 0 && pb > 0) {
      s += weights.price() * Math.min(pa, pb) / (double) Math.max(pa, pb);
    }
    return s;
  }

  /**
   * The similarity to one fixed item, prepared for comparing it with many: the same value as
   * {@link #similarity(int, int)}, but the anchor's words are looked up through a 1024-bit filter instead of a
   * merge of the two word lists, so most of a candidate's words cost one bit test and no branch mispredicted.
   */
  public Anchor anchor(int a) {
    return new Anchor(a);
  }

  /** {@link #similarity(int, int)} with its first argument fixed; one per request, not thread-safe. */
  public final class Anchor {
    private final int item;
    private final int category;
    private final int brand;
    private final int color;
    private final int material;
    private final long price;
    private final int[] words;
    private final long[] filter = new long[16];

    private Anchor(int a) {
      CatalogIndex c = catalog;
      item = a;
      category = c.category(a);
      brand = c.brand(a);
      color = c.color(a);
      material = c.material(a);
      price = c.price(a);
      words = c.tokens(a);
      for (int w : words) {
        filter[(w >>> 6) & 15] |= 1L << w;
      }
    }

    public int item() {
      return item;
    }

    /** Exactly {@code similarity(anchor, b)}: the same terms added in the same order. */
    public double similarity(int b) {
      CatalogIndex c = catalog;
      double s = 0;
      if (category >= 0 && category == c.category(b)) {
        s += weights.category();
      }
      if (brand >= 0 && brand == c.brand(b)) {
        s += weights.brand();
      }
      if (color >= 0 && color == c.color(b)) {
        s += weights.color();
      }
      if (material >= 0 && material == c.material(b)) {
        s += weights.material();
      }
      s += weights.words() * jaccard(c.tokens(b));
      long pb = c.price(b);
      if (price > 0 && pb > 0) {
        s += weights.price() * Math.min(price, pb) / (double) Math.max(price, pb);
      }
      return s;
    }

    private double jaccard(int[] b) {
      if (words.length == 0 || b.length == 0) {
        return 0;
      }
      int common = 0;
      for (int w : b) {
        if ((filter[(w >>> 6) & 15] >>> w & 1) != 0 && Arrays.binarySearch(words, w) >= 0) {
          common++;
        }
      }
      return common / (double) (words.length + b.length - common);
    }
  }

  /** |A ∩ B| / |A ∪ B| of two sorted, duplicate-free arrays. */
  static double jaccard(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common / (double) (a.length + b.length - common);
  }
}
