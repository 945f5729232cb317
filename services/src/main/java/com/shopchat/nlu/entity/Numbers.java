package com.shopchat.nlu.entity;

import java.util.Map;

/** Reads the numbers shoppers write: digits, English number words, Chinese numerals, prices with separators. */
final class Numbers {

  private static final Map<String, Integer> ENGLISH = Map.ofEntries(
    Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
    Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
    Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
    Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
    Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
    Map.entry("fifty", 50), Map.entry("hundred", 100), Map.entry("dozen", 12), Map.entry("couple", 2));

  /** The characters of a Chinese numeral, for patterns. */
  static final String CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万";

  private Numbers() {
  }

  /** The value of an English number word ("two" → 2), or -1. */
  static int english(String word) {
    return ENGLISH.getOrDefault(word, -1);
  }

  /**
   * The value of a Chinese numeral ("两" → 2, "十二" → 12, "二十五" → 25, "一百零五" → 105), or -1 when it is
   * not one or does not fit an int.
   */
  static long chinese(String numeral) {
    if (numeral.isEmpty()) {
      return -1;
    }
    long total = 0;
    long section = 0;
    long digit = -1;
    for (int i = 0; i < numeral.length(); i++) {
      char c = numeral.charAt(i);
      int d = digitOf(c);
      if (d >= 0) {
        digit = d;
        continue;
      }
      int unit = switch (c) {
        case '十' -> 10;
        case '百' -> 100;
        case '千' -> 1000;
        case '万' -> 10_000;
        default -> -1;
      };
      if (unit < 0) {
        return -1;
      }
      if (unit == 10_000) {
        total = (total + section + Math.max(digit, 0)) * unit;
        section = 0;
      } else {
        // "十二": a unit with no digit before it counts once.
        section += (digit < 0 ? 1 : digit) * unit;
      }
      digit = -1;
      if (total > Integer.MAX_VALUE) {
        return -1;
      }
    }
    long value = total + section + Math.max(digit, 0);
    return value > Integer.MAX_VALUE ? -1 : value;
  }

  private static int digitOf(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  /**
   * A written amount as a plain decimal string: grouping dropped, the decimal mark a dot, decimals kept as
   * written ("1,200" → "1200", "79,90" → "79.90", "1.299,00" → "1299.00", "1'000" → "1000"). A single
   * separator followed by exactly three digits groups thousands; followed by one or two it is the decimal mark.
   */
  static String amount(String written) {
    int lastDot = written.lastIndexOf('.');
    int lastComma = written.lastIndexOf(',');
    int decimalAt = -1;
    if (lastDot >= 0 && lastComma >= 0) {
      decimalAt = Math.max(lastDot, lastComma);
    } else if (lastDot >= 0 || lastComma >= 0) {
      int at = Math.max(lastDot, lastComma);
      char mark = written.charAt(at);
      boolean once = written.indexOf(mark) == at;
      if (once && written.length() - at - 1 != 3) {
        decimalAt = at;
      }
    }
    StringBuilder whole = new StringBuilder();
    int limit = decimalAt < 0 ? written.length() : decimalAt;
    for (int i = 0; i < limit; i++) {
      char c = written.charAt(i);
      if (Character.isDigit(c)) {
        whole.append(c);
      }
    }
    String integer = stripLeadingZeros(whole.toString());
    return decimalAt < 0 ? integer : integer + "." + written.substring(decimalAt + 1);
  }

  /** "00123" → "123", "000" → "0". */
  static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
