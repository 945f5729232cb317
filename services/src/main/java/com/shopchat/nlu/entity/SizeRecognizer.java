package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clothing and shoe sizes. Letter sizes that are never words ("XL", "XXS") count anywhere in upper case; the
 * rest need a cue: "size M", "size 42", "medium size", "in M", "尺码 L", "M码", "42码", "中号".
 */
final class SizeRecognizer implements Recognizer {

  private static final String VALUE = "xxxl|xxl|xl|xxs|xs|[2-5]xl|extra[\\s-]?large|extra[\\s-]?small|x-large|x-small"
    + "|one[\\s-]?size|small|medium|large|s|m|l|w\\d{2}\\s?l\\d{2}|\\d{2,3}x\\d{2,3}|(?:eu|uk|us)\\s?\\d{1,2}(?:[.,]5)?"
    + "|\\d{1,2}(?:[.,]5)?";
  private static final Pattern AFTER_CUE = Pattern.compile(
    "(?i)[\\s:：=]*(?:(?:is|of|in)\\s+)?(?:an?\\s+)?(" + VALUE + ")(?![\\p{L}\\p{N}'’])");
  private static final Pattern BEFORE_CUE = Pattern.compile(
    "(?i)(?<![\\p{L}\\p{N}])(xxxl|xxl|xl|xxs|xs|extra[\\s-]?large|extra[\\s-]?small|small|medium|large|s|m|l)"
      + "[\\s-]+(?:size|sized)(?![\\p{L}])");
  private static final Pattern ONE_SIZE = Pattern.compile("(?i)(?<![\\p{L}])one[\\s-]?size(?![\\p{L}])");
  private static final Pattern UPPER = Pattern.compile(
    "(?<![\\p{L}\\p{N}-])(XXXL|XXL|XL|XXS|XS|[2-5]XL)(?![\\p{L}\\p{N}-])");
  private static final Pattern LETTER_AFTER_IN = Pattern.compile(
    "(?<![\\p{L}])(?:in|an?)\\s(S|M|L)(?![\\p{L}\\p{N}&'’]|\\.\\p{L})");
  private static final Pattern CHINESE_WORD = Pattern.compile("加加大号|特大号|加大号|加大码|加大|大号|中号|小号|均码");
  private static final Pattern CHINESE_LETTER = Pattern.compile(
    "(?i)(?<![A-Za-z0-9])(XXXL|XXL|XL|XXS|XS|S|M|L)\\s?[码号]|(?<![0-9])(\\d{2}(?:\\.5)?)码");
  private static final Pattern CHINESE_CUE = Pattern.compile(
    "尺码[是为:：\\s]*((?i:XXXL|XXL|XL|XXS|XS|S|M|L)|\\d{2}(?:\\.5)?)");
  private static final Map<String, String> CHINESE = Map.of("小号", "S", "中号", "M", "大号", "L", "加大号", "XL",
    "加大码", "XL", "加大", "XL", "特大号", "XXL", "加加大号", "XXL", "均码", "ONE SIZE");
  // One edit from "size" but other words.
  private static final Set<String> NOT_SIZE = Set.of("side", "site", "sire", "sine", "sized", "seize", "siza");

  @Override
  public void find(Utterance u, List<Candidate> out) {
    afterCue(u, out);
    String text = u.text();
    if (u.lower().contains("size")) {
      add(text, BEFORE_CUE, 1, out);
      add(text, ONE_SIZE, 0, out);
    }
    if (text.indexOf('X') >= 0) {
      add(text, UPPER, 1, out);
    }
    if (text.indexOf('S') >= 0 || text.indexOf('M') >= 0 || text.indexOf('L') >= 0) {
      add(text, LETTER_AFTER_IN, 1, out);
    }
    if (u.hasHan()) {
      chinese(text, out);
    }
  }

  private static void afterCue(Utterance u, List<Candidate> out) {
    Matcher m = AFTER_CUE.matcher(u.text());
    for (int i = 0; i < u.size(); i++) {
      String word = u.word(i);
      boolean cue = word.equals("sized") || word.equals("sizes")
        || word.length() >= 3 && !NOT_SIZE.contains(word) && Fuzzy.distance(word, "size", 1) >= 0;
      if (!cue) {
        continue;
      }
      m.region(u.end(i), u.text().length());
      if (m.lookingAt()) {
        out.add(Candidate.of(Entity.SIZE, value(m.group(1)), m.start(1), m.end(1), Candidate.SIZE));
      }
    }
  }

  private static void add(String text, Pattern pattern, int group, List<Candidate> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(Candidate.of(Entity.SIZE, value(m.group(group)), m.start(group), m.end(group), Candidate.SIZE));
    }
  }

  private static void chinese(String text, List<Candidate> out) {
    if (text.indexOf('号') < 0 && text.indexOf('码') < 0 && text.indexOf('大') < 0) {
      return;
    }
    Matcher word = CHINESE_WORD.matcher(text);
    while (word.find()) {
      out.add(Candidate.of(Entity.SIZE, CHINESE.get(word.group()), word.start(), word.end(), Candidate.SIZE));
    }
    Matcher letter = CHINESE_LETTER.matcher(text);
    while (letter.find()) {
      int group = letter.group(1) != null ? 1 : 2;
      out.add(Candidate.of(Entity.SIZE, value(letter.group(group)), letter.start(group), letter.end(group),
        Candidate.SIZE));
    }
    add(text, CHINESE_CUE, 1, out);
  }

  /** "medium" → "M", "extra large" → "XL", "one size" → "ONE SIZE", "eu 42,5" → "EU 42.5", "xl" → "XL". */
  static String value(String written) {
    String w = written.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", " ").replace(',', '.');
    return switch (w) {
      case "small" -> "S";
      case "medium" -> "M";
      case "large" -> "L";
      case "extra large", "extralarge", "x large" -> "XL";
      case "extra small", "extrasmall", "x small" -> "XS";
      case "one size", "onesize" -> "ONE SIZE";
      default -> w.matches("(eu|uk|us) ?\\d.*") ? w.substring(0, 2).toUpperCase(Locale.ROOT) + " "
        + w.substring(2).strip() : w.toUpperCase(Locale.ROOT).replace(" ", "");
    };
  }
}
