package com.shopchat.dialogue;

import com.shopchat.nlu.entity.Entity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a product request's words say beyond its entities: what is wanted, and the budget. */
final class ProductWords {

  /** Words that say "I am looking for" rather than what: left out of a catalog text search. */
  private static final Set<String> NOT_PRODUCT_WORDS = Set.of("show", "me", "do", "you", "have",
    "any", "some", "want", "wanna", "looking", "look", "for", "the", "a", "an", "i", "i'm", "im", "need", "find",
    "search", "buy", "get", "please", "can", "could", "would", "like", "to", "in", "of", "with", "and", "or", "sell",
    "what", "which", "is", "are", "there", "your", "my", "recommend", "recommendation", "something", "good",
    "best", "cheap", "new", "products", "product", "items", "item", "stuff", "things", "shop", "store", "under",
    "over", "below", "above", "than", "less", "more", "euro", "euros", "eur", "size", "color", "colour", "hi",
    "hello", "hey", "also", "too", "one", "ones", "it", "that", "this", "about", "how", "much");
  private static final Pattern WORD = Pattern.compile("[\\p{L}'-]{3,}");

  private static final Pattern AT_MOST = Pattern.compile(
    "(?i).*(under|below|less than|cheaper than|up to|at most|max(imum)?|no more than|低于|少于|不超过|不到|以内|以下)\\s*$");
  private static final Pattern AT_LEAST = Pattern.compile(
    "(?i).*(over|above|more than|at least|from|min(imum)?|超过|高于|以上)\\s*$");
  private static final Pattern AFTER_AT_MOST = Pattern.compile("^\\s*(以内|以下|or less|max)");
  private static final Pattern AFTER_AT_LEAST = Pattern.compile("^\\s*(以上|or more|\\+)");

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

  private ProductWords() {
  }
}
