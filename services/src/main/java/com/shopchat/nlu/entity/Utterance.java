package com.shopchat.nlu.entity;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An utterance split into words once, for every recognizer to share: runs of letters and digits outside Chinese
 * script, also split where a capital follows a small letter ("fromAnna"), each with its span and a lower-cased,
 * accent-free form ("München" → "munchen").
 * Chinese text has no spaces to split on, so recognizers read it from {@link #text()} directly.
 */
final class Utterance {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private final String text;
  private final int[] starts;
  private final int[] ends;
  private final String[] words;
  private final int size;
  private final boolean hasDigit;
  private final boolean hasHan;
  private String lower;

  Utterance(String text) {
    this.text = text;
    int capacity = 16;
    int[] s = new int[capacity];
    int[] e = new int[capacity];
    String[] w = new String[capacity];
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int begin = i;
      i++;
      // A capital after a small letter starts a new word: shoppers drop spaces ("fromAnna", "aPro").
      while (i < text.length() && isWordChar(text.charAt(i))
        && !(Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1)))) {
        i++;
      }
      if (n == capacity) {
        capacity *= 2;
        s = Arrays.copyOf(s, capacity);
        e = Arrays.copyOf(e, capacity);
        w = Arrays.copyOf(w, capacity);
      }
      s[n] = begin;
      e[n] = i;
      w[n] = fold(text.substring(begin, i));
      n++;
    }
    this.starts = s;
    this.ends = e;
    this.words = w;
    this.size = n;
    boolean digit = false;
    boolean han = false;
    for (int k = 0; k < text.length() && !(digit && han); k++) {
      char c = text.charAt(k);
      digit |= c >= '0' && c <= '9';
      han |= Character.isIdeographic(c);
    }
    this.hasDigit = digit;
    this.hasHan = han;
  }

  /**
   * Whether the text has an ASCII digit; recognizers of numbers skip their patterns otherwise, since most
   * utterances have none and a pattern tried at every position is most of the extractor's time.
   */
  boolean hasDigit() {
    return hasDigit;
  }

  /** Whether the text has a Chinese character; Chinese patterns skip English text. */
  boolean hasHan() {
    return hasHan;
  }

  /** The whole text lower-cased (not folded: offsets stay those of the text), for cheap cue checks. */
  String lower() {
    if (lower == null) {
      lower = text.toLowerCase(Locale.ROOT);
    }
    return lower;
  }

  /** Letters and digits of any script but Chinese; a Han character always ends a word. */
  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && !Character.isIdeographic(c);
  }

  /** Lower case without accents; plain ASCII, the usual case, skips the normalizer. */
  static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) > 0x7f) {
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
      }
    }
    return lower;
  }

  String text() {
    return text;
  }

  int size() {
    return size;
  }

  /** The folded form of word {@code i}. */
  String word(int i) {
    return words[i];
  }

  /** Word {@code i} exactly as written. */
  String raw(int i) {
    return text.substring(starts[i], ends[i]);
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  /** Whether word {@code i} is written with an upper-case first letter. */
  boolean capitalized(int i) {
    return Character.isUpperCase(text.charAt(starts[i]));
  }

  /** Whether word {@code i} is all digits. */
  boolean digits(int i) {
    for (int k = starts[i]; k < ends[i]; k++) {
      if (!Character.isDigit(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** The text between word {@code i} and the next one. */
  String gapAfter(int i) {
    return i + 1 < size ? text.substring(ends[i], starts[i + 1]) : text.substring(ends[i]);
  }

  /**
   * Whether words {@code i} and {@code i + 1} belong to one phrase: only spaces, one hyphen or an
   * apostrophe between them ("off-white", "Xi'an", "light  blue"), no punctuation that ends a phrase.
   */
  boolean joined(int i) {
    if (i + 1 >= size) {
      return false;
    }
    int from = ends[i];
    int to = starts[i + 1];
    if (to - from > 3) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (!(c == ' ' || c == '-' || c == '\'' || c == '\u2019' || c == '\u00a0')) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first word starting at or after char {@code offset}, or {@link #size()}. */
  int wordAtOrAfter(int offset) {
    int i = Arrays.binarySearch(starts, 0, size, offset);
    return i >= 0 ? i : -i - 1;
  }
}
