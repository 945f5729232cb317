package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money and quantities. Money needs a currency next to the number ("$12", "79,90 €", "1200 dollars", "50块");
 * a quantity needs a count word after it ("2 pairs", "three shirts", "两件", "2x"). Both span the number only.
 */
final class AmountRecognizer implements Recognizer {

  private static final String AMOUNT = "\\d{1,3}(?:[,.'’]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
  private static final String NOT_MORE_NUMBER = "(?![.,]?\\d)";
  private static final Pattern SYMBOL_FIRST = Pattern.compile(
    "(US\\$|HK\\$|C\\$|A\\$|\\$|€|£|¥|￥|(?<![A-Za-z])(?:USD|EUR|GBP|CNY|RMB|JPY|CHF)(?![A-Za-z]))\\s?(?<![\\d.,])("
      + AMOUNT + ")" + NOT_MORE_NUMBER);
  private static final Pattern SYMBOL_AFTER = Pattern.compile(
    "(?<![\\w.,'’])(" + AMOUNT + ")\\s?(€|\\$|£|港币|人民币|块钱|块|元|欧元|美元|美金|英镑|日元|"
      + "(?i:dollars?|dolars?|dollers?|dollar|bucks|usd|euros?|eur|pounds?|gbp|quid|rmb|cny|yuan|jpy|yen|chf)"
      + "(?![A-Za-z]))");
  private static final Pattern CHINESE_MONEY = Pattern.compile(
    "([" + Numbers.CHINESE_DIGITS + "]{1,8})(块钱|元|欧元|美元|英镑|日元)");
  private static final Pattern CHINESE_COUNT = Pattern.compile(
    "(?<![第\\d" + Numbers.CHINESE_DIGITS + "])(\\d{1,3}|[" + Numbers.CHINESE_DIGITS + "]{1,6})\\s?"
      + "(件|个|双|条|套|只|盒|包|瓶|台|把|张|顶|副|份|对|支|箱|本|块)");
  private static final Pattern TIMES = Pattern.compile(
    "(?<![\\p{L}\\p{N}.,])(\\d{1,3})[x×](?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])[x×](\\d{1,3})(?![\\p{L}\\p{N}.,])");
  private static final Pattern QTY = Pattern.compile(
    "(?i)(?<![\\p{L}])(?:qty|quantity)\\s*(?:[:=]|of)?\\s*(\\d{1,4})(?![\\p{N}.,])");

  private static final Map<String, String> CURRENCIES = Map.ofEntries(
    Map.entry("$", "USD"), Map.entry("us$", "USD"), Map.entry("hk$", "HKD"), Map.entry("c$", "CAD"),
    Map.entry("a$", "AUD"), Map.entry("€", "EUR"), Map.entry("£", "GBP"), Map.entry("¥", "CNY"),
    Map.entry("￥", "CNY"), Map.entry("usd", "USD"), Map.entry("eur", "EUR"), Map.entry("gbp", "GBP"),
    Map.entry("cny", "CNY"), Map.entry("rmb", "CNY"), Map.entry("jpy", "JPY"), Map.entry("chf", "CHF"),
    Map.entry("dollar", "USD"), Map.entry("dollars", "USD"), Map.entry("dolar", "USD"), Map.entry("dolars", "USD"),
    Map.entry("doller", "USD"), Map.entry("dollers", "USD"), Map.entry("bucks", "USD"), Map.entry("euro", "EUR"),
    Map.entry("euros", "EUR"), Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"), Map.entry("quid", "GBP"),
    Map.entry("yuan", "CNY"), Map.entry("yen", "JPY"), Map.entry("元", "CNY"), Map.entry("块", "CNY"),
    Map.entry("块钱", "CNY"), Map.entry("人民币", "CNY"), Map.entry("港币", "HKD"), Map.entry("欧元", "EUR"),
    Map.entry("美元", "USD"), Map.entry("美金", "USD"), Map.entry("英镑", "GBP"), Map.entry("日元", "JPY"));

  /** Words that count things on their own; the catalog adds its product nouns ("shirts", "sweaters"). */
  static final Set<String> COUNT_WORDS = Set.of("pcs", "pc", "piece", "pieces", "item", "items", "pair", "pairs",
    "unit", "units", "set", "sets", "pack", "packs", "box", "boxes", "bottle", "bottles", "copy", "copies");

  private final Set<String> countWords;

  /** {@code nouns}: folded words that, after a number, make it a quantity, on top of {@link #COUNT_WORDS}. */
  AmountRecognizer(Set<String> nouns) {
    this.countWords = nouns;
  }

  @Override
  public void find(Utterance u, List<Candidate> out) {
    String text = u.text();
    if (u.hasDigit()) {
      money(text, SYMBOL_FIRST, 2, 1, out);
      money(text, SYMBOL_AFTER, 1, 2, out);
      times(text, out);
      if (u.lower().contains("qty") || u.lower().contains("quantity")) {
        quantityFields(text, out);
      }
    }
    if (u.hasHan()) {
      chineseMoney(text, out);
      chineseCounts(text, out);
    }
    englishWords(u, out);
  }

  private static void money(String text, Pattern pattern, int amountGroup, int currencyGroup, List<Candidate> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String currency = CURRENCIES.get(m.group(currencyGroup).strip().toLowerCase(java.util.Locale.ROOT));
      String value = Numbers.amount(m.group(amountGroup)) + (currency == null ? "" : " " + currency);
      out.add(Candidate.of(Entity.MONEY, value, m.start(amountGroup), m.end(amountGroup), Candidate.MONEY));
    }
  }

  private static void chineseMoney(String text, List<Candidate> out) {
    Matcher m = CHINESE_MONEY.matcher(text);
    while (m.find()) {
      long value = Numbers.chinese(m.group(1));
      if (value >= 0) {
        out.add(Candidate.of(Entity.MONEY, value + " " + CURRENCIES.get(m.group(2)), m.start(1), m.end(1),
          Candidate.MONEY));
      }
    }
  }

  /** "2 pairs", "three shirts", "ten dollars", "2 black shirts": a number, maybe one word, then a count word. */
  private void englishWords(Utterance u, List<Candidate> out) {
    for (int i = 0; i + 1 < u.size(); i++) {
      int n = number(u, i);
      if (n < 0 || !u.gapAfter(i).isBlank()) {
        continue;
      }
      String next = u.word(i + 1);
      String currency = CURRENCIES.get(next);
      if (currency != null && !u.digits(i)) {
        out.add(Candidate.of(Entity.MONEY, n + " " + currency, u.start(i), u.end(i), Candidate.MONEY));
      } else if (counts(next) || i + 2 < u.size() && u.gapAfter(i + 1).isBlank() && number(u, i + 1) < 0
        && counts(u.word(i + 2))) {
        out.add(Candidate.of(Entity.QUANTITY, Integer.toString(n), u.start(i), u.end(i), Candidate.QUANTITY));
      }
    }
  }

  /** "qty 2", "quantity: 3", "quantity of 4". */
  private static void quantityFields(String text, List<Candidate> out) {
    Matcher qty = QTY.matcher(text);
    while (qty.find()) {
      out.add(Candidate.of(Entity.QUANTITY, Numbers.stripLeadingZeros(qty.group(1)), qty.start(1), qty.end(1),
        Candidate.QUANTITY));
    }
  }

  /** The count a word says: up to three digits without a leading zero, or an English number word; else -1. */
  private static int number(Utterance u, int i) {
    String word = u.word(i);
    if (u.digits(i)) {
      return word.length() <= 3 && word.charAt(0) != '0' ? Integer.parseInt(word) : -1;
    }
    return Numbers.english(word);
  }

  private boolean counts(String word) {
    return COUNT_WORDS.contains(word) || countWords.contains(word);
  }

  private static void chineseCounts(String text, List<Candidate> out) {
    Matcher m = CHINESE_COUNT.matcher(text);
    while (m.find()) {
      String numeral = m.group(1);
      // "一个" is mostly the article "a" ("一个问题"), not a count.
      if (numeral.equals("一") && m.group(2).equals("个")) {
        continue;
      }
      long value = Character.isDigit(numeral.charAt(0)) ? Long.parseLong(numeral) : Numbers.chinese(numeral);
      if (value >= 0) {
        out.add(Candidate.of(Entity.QUANTITY, Long.toString(value), m.start(1), m.end(1), Candidate.QUANTITY));
      }
    }
  }

  private static void times(String text, List<Candidate> out) {
    Matcher m = TIMES.matcher(text);
    while (m.find()) {
      int group = m.group(1) != null ? 1 : 2;
      out.add(Candidate.of(Entity.QUANTITY, Numbers.stripLeadingZeros(m.group(group)), m.start(group), m.end(group),
        Candidate.QUANTITY));
    }
  }
}
