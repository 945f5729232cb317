package com.shopchat.dialogue;

import com.shopchat.commerce.Product;
import com.shopchat.commerce.ProductQuery;
import com.shopchat.dialogue.BotReply.ProductCard;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Product search and questions: a catalog lookup by what the shopper named (category, brand, price range,
 * size, colour, a product), answered with product cards; a question about one product ("does it come in
 * M?") answered from its attributes. "What about the blue one?" searches the category of the products just
 * shown, in blue.
 */
final class ProductFlow implements Flow {

  static final String NAME = "product";
  static final List<String> INTENTS = List.of("product_search", "product_question", "recommendation_request");
  static final String QUESTION = "product_question";
  static final int MAX_CARDS = 3;

  private static final Pattern AT_MOST = Pattern.compile(
    "(?i).*(under|below|less than|cheaper than|up to|at most|max(imum)?|no more than|低于|少于|不超过|不到|以内|以下)\\s*$");
  private static final Pattern AT_LEAST = Pattern.compile("(?i).*(over|above|more than|at least|from|min(imum)?|超过|高于|以上)\\s*$");
  /** "Do you have it in M?": a question about the product just shown, not a new search. */
  private static final Pattern THE_ONE_SHOWN = Pattern.compile("(?i)\\b(it|this one|that one)\\b|它|这款|这件|这个");
  private static final Pattern AFTER_AT_MOST = Pattern.compile("^\\s*(以内|以下|or less|max)");
  private static final Pattern AFTER_AT_LEAST = Pattern.compile("^\\s*(以上|or more|\\+)");

  /** Words that say "I am looking for" rather than what: left out of a catalog text search. */
  private static final Set<String> NOT_PRODUCT_WORDS = Set.of("show", "me", "do", "you", "have",
    "any", "some", "want", "wanna", "looking", "look", "for", "the", "a", "an", "i", "i'm", "im", "need", "find",
    "search", "buy", "get", "please", "can", "could", "would", "like", "to", "in", "of", "with", "and", "or", "sell",
    "what", "which", "is", "are", "there", "your", "my", "recommend", "recommendation", "something", "good",
    "best", "cheap", "new", "products", "product", "items", "item", "stuff", "things", "shop", "store", "under",
    "over", "below", "above", "than", "less", "more", "euro", "euros", "eur", "size", "color", "colour", "hi",
    "hello", "hey", "also", "too", "one", "ones", "it", "that", "this", "about", "how", "much");
  private static final Pattern WORD = Pattern.compile("[\\p{L}'-]{3,}");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    Understanding u = t.understanding();
    String sku = u.entity(Entity.PRODUCT);
    boolean narrowed = u.entity(Entity.CATEGORY) != null || u.entity(Entity.BRAND) != null;
    boolean aboutShown = THE_ONE_SHOWN.matcher(t.text()).find();
    if ((t.intent().equals(QUESTION) || aboutShown) && !narrowed) {
      String about = sku != null ? sku : t.state().lastProducts().isEmpty() ? null : t.state().lastProducts().get(0);
      if (about != null && (sku != null || aboutShown || u.entity(Entity.COLOR) == null)) {
        return t.shop().product(about).compose(p -> p == null ? search(t, null) : Future.succeededFuture(answer(t, p)));
      }
    }
    if (sku != null) {
      return t.shop().product(sku).compose(p -> search(t, p));
    }
    return search(t, null);
  }

  /** Searches by the turn's entities; {@code named} is a product the shopper mentioned (its category counts). */
  private static Future<BotReply> search(FlowTurn t, Product named) {
    Understanding u = t.understanding();
    String category = u.entity(Entity.CATEGORY);
    String brand = u.entity(Entity.BRAND);
    if (category == null && named != null) {
      category = named.category();
    }
    Long[] price = priceRange(t.text(), u.entities(Entity.MONEY));
    String color = u.entity(Entity.COLOR);
    String size = u.entity(Entity.SIZE);
    String words = category == null && brand == null && named == null ? keywords(t) : null;
    boolean refinesOnly = category == null && brand == null && words == null
      && (color != null || size != null || price[1] != null || price[0] != null);
    Future<String> context = refinesOnly && !t.state().lastProducts().isEmpty()
      // "what about the blue one?": the category of what was just shown.
      ? t.shop().product(t.state().lastProducts().get(0)).map(p -> p == null ? null : p.category())
      : Future.succeededFuture(category);
    return context.compose(cat -> {
      ProductQuery query = new ProductQuery(words, cat, brand, price[0], price[1], color, size, MAX_CARDS);
      return find(t, query, query).map(found -> cards(t, found, named, query));
    });
  }

  /** What a search found, with the query that found it (fewer words, or no budget, than asked for). */
  private record Found(List<Product> products, ProductQuery query, boolean overBudget) {}

  /**
   * Searches; when nothing matches, tries the request's last word alone ("waterproof jacket" → "jacket"),
   * then the same without the budget, so the shopper sees the closest there is, said as such.
   */
  private static Future<Found> find(FlowTurn t, ProductQuery asked, ProductQuery query) {
    return t.shop().searchProducts(query).compose(found -> {
      if (!found.isEmpty()) {
        boolean overBudget = asked.maxPriceCents() != null && query.maxPriceCents() == null;
        return Future.succeededFuture(new Found(found, query, overBudget));
      }
      if (query.text() != null && query.text().contains(" ")) {
        String last = query.text().substring(query.text().lastIndexOf(' ') + 1);
        return find(t, asked, new ProductQuery(last, query.category(), query.brand(), query.minPriceCents(),
          query.maxPriceCents(), query.color(), query.size(), query.limit()));
      }
      if (query.text() != null && query.maxPriceCents() != null) {
        return find(t, asked, new ProductQuery(query.text(), query.category(), query.brand(), query.minPriceCents(),
          null, query.color(), query.size(), query.limit()));
      }
      return Future.succeededFuture(new Found(List.of(), asked, false));
    });
  }

  private static BotReply cards(FlowTurn t, Found found, Product named, ProductQuery asked) {
    List<Product> shown = new ArrayList<>();
    if (named != null && matches(named, asked)) {
      shown.add(named);
    }
    for (Product p : found.products()) {
      if (shown.size() < MAX_CARDS && shown.stream().noneMatch(s -> s.sku().equals(p.sku()))) {
        shown.add(p);
      }
    }
    if (shown.isEmpty()) {
      return t.reply(NAME, t.say("product.none", "what", describe(t, asked)), List.of(
        t.quick("button.show_popular", DialogueManager.INTENT_PAYLOAD + "product_search")));
    }
    t.state(t.state().withLastProducts(shown.stream().map(Product::sku).toList()));
    String what = describe(t, found.query());
    String text = found.overBudget() ? t.say("product.closest", "what", describe(t, asked))
      : what.isEmpty() ? t.say("product.popular") : t.say("product.found", "what", what);
    return t.reply(NAME, text, List.of(), shown.stream().map(p -> card(t, p, null)).toList());
  }

  private static boolean matches(Product p, ProductQuery q) {
    return (q.color() == null || q.color().equalsIgnoreCase(p.attributes().getString("color", "")))
      && (q.maxPriceCents() == null || p.priceCents() <= q.maxPriceCents())
      && (q.minPriceCents() == null || p.priceCents() >= q.minPriceCents());
  }

  /**
   * The words of an English request that name what is wanted ("show me sweaters" → "sweater"), singular, or
   * {@code null}; the catalog matches each against titles and descriptions.
   */
  static String keywords(FlowTurn t) {
    if (!"en".equals(t.locale())) {
      return null;
    }
    List<String> words = new ArrayList<>();
    var m = WORD.matcher(t.text().toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (!NOT_PRODUCT_WORDS.contains(w) && t.understanding().entities().stream().noneMatch(e ->
        t.text().substring(e.start(), e.end()).toLowerCase(Locale.ROOT).contains(w))) {
        words.add(singular(w));
      }
    }
    return words.isEmpty() ? null : String.join(" ", words);
  }

  private static String singular(String w) {
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("sses") || w.endsWith("shes") || w.endsWith("ches") || w.endsWith("xes")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** "blue footwear by Trailmark under €100" — what was searched, in the shopper's words. */
  private static String describe(FlowTurn t, ProductQuery q) {
    List<String> parts = new ArrayList<>();
    if (q.color() != null) {
      parts.add(colorName(t, q.color()));
    }
    if (q.category() != null) {
      parts.add(t.sayOr("category." + q.category(), q.category()));
    } else if (q.text() != null) {
      parts.add(q.text());
    } else if (q.color() != null || q.size() != null) {
      parts.add(t.say("product.items"));
    }
    if (q.brand() != null) {
      parts.add(t.say("product.by_brand", "brand", q.brand()));
    }
    if (q.size() != null) {
      parts.add(t.say("product.in_size", "size", q.size()));
    }
    if (q.maxPriceCents() != null) {
      parts.add(t.say("product.under", "price", t.money(q.maxPriceCents(), "EUR")));
    }
    if (q.minPriceCents() != null) {
      parts.add(t.say("product.over", "price", t.money(q.minPriceCents(), "EUR")));
    }
    return String.join("zh".equals(t.locale()) ? "" : " ", parts);
  }

  /** A question about one product, answered from its attributes, with its card. */
  private static BotReply answer(FlowTurn t, Product p) {
    Understanding u = t.understanding();
    String gap = "zh".equals(t.locale()) ? "" : " ";
    StringBuilder text = new StringBuilder(t.say("product.about", "title", p.title(), "brand", p.brand(),
      "price", t.money(p.priceCents(), p.currency())));
    String size = u.entity(Entity.SIZE);
    JsonArray sizes = p.attributes().getJsonArray("sizes");
    if (size != null && sizes != null) {
      boolean has = sizes.stream().anyMatch(s -> size.equalsIgnoreCase(String.valueOf(s)));
      text.append(gap).append(t.say(has ? "product.has_size" : "product.no_size", "size", size, "sizes",
        join(sizes)));
    } else if (sizes != null && !sizes.isEmpty()) {
      text.append(gap).append(t.say("product.sizes", "sizes", join(sizes)));
    }
    String color = p.attributes().getString("color");
    if (color != null) {
      text.append(gap).append(t.say("product.color", "color", colorName(t, color)));
    }
    text.append(gap).append(t.say(p.inStock() ? "product.in_stock" : "product.sold_out"));
    t.state(t.state().withLastProducts(List.of(p.sku())));
    return t.reply(NAME, text.toString(), List.of(), List.of(card(t, p, null)));
  }

  private static String colorName(FlowTurn t, String color) {
    return t.sayOr("color." + color.toLowerCase(Locale.ROOT).replace(' ', '_'), color);
  }

  static ProductCard card(FlowTurn t, Product p, String reason) {
    return new ProductCard(p.sku(), p.title(), t.money(p.priceCents(), p.currency()), p.priceCents(), p.currency(),
      p.image(), "/#product-" + p.sku(), reason);
  }

  /**
   * {@code [min, max]} in cents from the money the shopper named: "under €50" is a maximum, "over 100" a
   * minimum, two amounts a range, one amount without a cue a maximum.
   */
  static Long[] priceRange(String text, List<Entity> money) {
    Long[] range = new Long[2];
    if (money.size() >= 2) {
      long a = cents(money.get(0).value());
      long b = cents(money.get(1).value());
      range[0] = Math.min(a, b);
      range[1] = Math.max(a, b);
      return range;
    }
    if (money.size() == 1) {
      Entity m = money.get(0);
      String before = text.substring(Math.max(0, m.start() - 24), m.start());
      String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12));
      boolean atLeast = AT_LEAST.matcher(stripCurrency(before)).matches() || AFTER_AT_LEAST.matcher(after).find();
      boolean atMost = AT_MOST.matcher(stripCurrency(before)).matches() || AFTER_AT_MOST.matcher(after).find();
      range[atLeast && !atMost ? 0 : 1] = cents(m.value());
    }
    return range;
  }

  private static String stripCurrency(String s) {
    return s.replaceAll("[€$£¥]|(?i)\\b(eur|euro|euros|usd)\\s*$", "").stripTrailing();
  }

  private static long cents(String value) {
    String amount = value.split(" ")[0];
    try {
      return new BigDecimal(amount).movePointRight(2).longValue();
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String join(JsonArray values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join(", ", out);
  }
}
