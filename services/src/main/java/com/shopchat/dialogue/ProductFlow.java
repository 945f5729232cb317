package com.shopchat.dialogue;

import com.shopchat.commerce.Product;
import com.shopchat.commerce.ProductQuery;
import com.shopchat.dialogue.BotReply.ProductCard;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.recommend.RecommendationContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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
  static final String RECOMMEND = "recommendation_request";
  static final int MAX_CARDS = 3;

  /** "Do you have it in M?": a question about the product just shown, not a new search. */
  private static final Pattern THE_ONE_SHOWN = Pattern.compile("(?i)\\b(it|this one|that one)\\b|它|这款|这件|这个");
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
    Long[] price = ProductWords.priceRange(t.text(), u.entities(Entity.MONEY));
    String color = u.entity(Entity.COLOR);
    String size = u.entity(Entity.SIZE);
    String words = category == null && brand == null && named == null ? ProductWords.keywords(t) : null;
    boolean refinesOnly = category == null && brand == null && words == null
      && (color != null || size != null || price[1] != null || price[0] != null);
    Future<String> context = refinesOnly && !t.state().lastProducts().isEmpty()
      // "what about the blue one?": the category of what was just shown.
      ? t.shop().product(t.state().lastProducts().get(0)).map(p -> p == null ? null : p.category())
      : Future.succeededFuture(category);
    // "What would you recommend?" (or a search naming nothing): the shopper's own picks, under what was asked.
    boolean personal = named == null && words == null
      && (t.intent().equals(RECOMMEND) || (category == null && brand == null && !refinesOnly));
    return context.compose(cat -> {
      ProductQuery query = new ProductQuery(words, cat, brand, price[0], price[1], color, size, MAX_CARDS);
      return personal ? Suggestions.cards(t, new RecommendationContext(cat, brand, price[0],
          price[1], color, size, List.of(), Set.of()), true)
        .compose(cards -> cards.isEmpty() ? find(t, query, query).map(found -> cards(t, found, named, query))
          : Future.succeededFuture(picked(t, cards, query)))
        : find(t, query, query).map(found -> cards(t, found, named, query));
    });
  }

  private static BotReply picked(FlowTurn t, List<ProductCard> cards, ProductQuery asked) {
    t.state(t.state().withLastProducts(cards.stream().map(ProductCard::sku).toList()));
    String what = describe(t, asked);
    String text = what.isEmpty() ? t.say("product.picks") : t.say("product.picks_for", "what", what);
    return t.reply(NAME, text, List.of(), cards);
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
    return card(t, p, reason, null);
  }

  static ProductCard card(FlowTurn t, Product p, String reason, String impressionId) {
    return new ProductCard(p.sku(), p.title(), t.money(p.priceCents(), p.currency()), p.priceCents(), p.currency(),
      p.image(), "/#product-" + p.sku(), reason, impressionId);
  }

  private static String join(JsonArray values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join(", ", out);
  }
}
