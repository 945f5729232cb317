package com.shopchat.recommend;

import com.shopchat.commerce.Product;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalog as the recommenders see it: every product numbered 0..n-1 and its filterable facts (category,
 * brand, colour, material, sizes, title/description words) interned to small ints in primitive arrays, so that a
 * constraint check or a content comparison costs a few array reads and no string work on the serving path.
 * Category, brand, colour and size match case-insensitively. Immutable once built.
 */
public final class CatalogIndex {

  private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Words too common in product text to say anything about similarity. */
  private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "for", "with", "of", "in", "to",
    "on", "by", "is", "it", "this", "your", "you", "our");

  private final List<Product> products;
  private final Map<String, Integer> bySku;
  private final Map<String, Integer> categoryIds;
  private final Map<String, Integer> brandIds;
  private final Map<String, Integer> colorIds;
  private final Map<String, Integer> sizeIds;
  private final int[] category;
  private final int[] brand;
  private final int[] color;
  private final int[] material;
  private final int[][] sizes;
  private final int[][] tokens;
  private final long[] price;
  private final boolean[] inStock;
  private final int[][] itemsByCategory;
  private final int[][] itemsByBrand;

  private CatalogIndex(List<Product> products) {
    int n = products.size();
    this.products = List.copyOf(products);
    this.bySku = new HashMap<>(n * 2);
    Interner categories = new Interner();
    Interner brands = new Interner();
    Interner colors = new Interner();
    Interner materials = new Interner();
    Interner sizeNames = new Interner();
    Interner words = new Interner();
    category = new int[n];
    brand = new int[n];
    color = new int[n];
    material = new int[n];
    sizes = new int[n][];
    tokens = new int[n][];
    price = new long[n];
    inStock = new boolean[n];
    for (int i = 0; i < n; i++) {
      Product p = products.get(i);
      if (bySku.putIfAbsent(p.sku(), i) != null) {
        throw new IllegalArgumentException("duplicate sku in the catalog: " + p.sku());
      }
      JsonObject attributes = p.attributes() == null ? new JsonObject() : p.attributes();
      category[i] = categories.id(p.category());
      brand[i] = brands.id(p.brand());
      color[i] = colors.id(attributes.getValue("color") instanceof String s ? s : null);
      material[i] = materials.id(attributes.getValue("material") instanceof String s ? s : null);
      sizes[i] = sizeIdsOf(attributes.getValue("sizes"), sizeNames);
      tokens[i] = tokenIds(p.title() + " " + (p.description() == null ? "" : p.description()), words);
      price[i] = p.priceCents();
      inStock[i] = p.inStock();
    }
    categoryIds = categories.ids;
    brandIds = brands.ids;
    colorIds = colors.ids;
    sizeIds = sizeNames.ids;
    itemsByCategory = group(category, categories.ids.size());
    itemsByBrand = group(brand, brands.ids.size());
  }

  /** Indexes {@code products}; a sku may appear once only. */
  public static CatalogIndex of(List<Product> products) {
    return new CatalogIndex(products);
  }

  public int size() {
    return products.size();
  }

  public Product product(int item) {
    return products.get(item);
  }

  public String sku(int item) {
    return products.get(item).sku();
  }

  /** The item number of {@code sku}, or -1 when the catalog has no such product. */
  public int item(String sku) {
    Integer i = sku == null ? null : bySku.get(sku);
    return i == null ? -1 : i;
  }

  public int category(int item) {
    return category[item];
  }

  public int brand(int item) {
    return brand[item];
  }

  public int color(int item) {
    return color[item];
  }

  public int material(int item) {
    return material[item];
  }

  public int[] tokens(int item) {
    return tokens[item];
  }

  public long price(int item) {
    return price[item];
  }

  public boolean inStock(int item) {
    return inStock[item];
  }

  public int categoryCount() {
    return itemsByCategory.length;
  }

  /** The id of a category name (any case), -1 when no product has it, -2 for null (no constraint). */
  public int categoryId(String name) {
    return lookup(categoryIds, name);
  }

  public int brandId(String name) {
    return lookup(brandIds, name);
  }

  public int colorId(String name) {
    return lookup(colorIds, name);
  }

  public int sizeId(String name) {
    return lookup(sizeIds, name);
  }

  /** The items of one category, in catalog order. */
  public int[] itemsOfCategory(int categoryId) {
    return itemsByCategory[categoryId];
  }

  public int[] itemsOfBrand(int brandId) {
    return itemsByBrand[brandId];
  }

  public boolean hasSize(int item, int sizeId) {
    for (int s : sizes[item]) {
      if (s == sizeId) {
        return true;
      }
    }
    return false;
  }

  /** Lower-case words of a text, stop words and one-letter words dropped, deduplicated. */
  static List<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : WORDS.split(text.toLowerCase(Locale.ROOT))) {
      if (w.length() > 1 && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return new ArrayList<>(out);
  }

  private static int lookup(Map<String, Integer> ids, String name) {
    if (name == null) {
      return -2;
    }
    Integer id = ids.get(name.strip().toLowerCase(Locale.ROOT));
    return id == null ? -1 : id;
  }

  private static int[] sizeIdsOf(Object value, Interner sizeNames) {
    if (!(value instanceof JsonArray array)) {
      return new int[0];
    }
    int[] out = new int[array.size()];
    int n = 0;
    for (Object v : array) {
      if (v != null) {
        out[n++] = sizeNames.id(v.toString());
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] tokenIds(String text, Interner words) {
    List<String> ws = words(text);
    int[] out = new int[ws.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = words.id(ws.get(i));
    }
    Arrays.sort(out);
    return out;
  }

  private static int[][] group(int[] key, int groups) {
    int[] counts = new int[groups];
    for (int k : key) {
      if (k >= 0) {
        counts[k]++;
      }
    }
    int[][] out = new int[groups][];
    for (int g = 0; g < groups; g++) {
      out[g] = new int[counts[g]];
    }
    int[] fill = new int[groups];
    for (int i = 0; i < key.length; i++) {
      if (key[i] >= 0) {
        out[key[i]][fill[key[i]]++] = i;
      }
    }
    return out;
  }

  /** Lower-cased names to dense ids; null and blank are -1 (unknown). */
  private static final class Interner {
    final Map<String, Integer> ids = new HashMap<>();

    int id(String name) {
      if (name == null || name.isBlank()) {
        return -1;
      }
      return ids.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), k -> ids.size());
    }
  }
}
