package com.shopchat.nlu.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slips of a hurried shopper's thumb, for the generated corpus and for training-time augmentation alike:
 * one letter of one word replaced by a neighbouring key, dropped, doubled or swapped with the next.
 */
public final class Typos {

  // Four letters or more: shorter words ("no", "yes") would turn into other words.
  private static final Pattern LONG_WORD = Pattern.compile("[A-Za-z]{4,}");

  // Each key's neighbours on a QWERTY keyboard: the letter a hurried thumb hits instead.
  private static final String[] NEIGHBOURS = {
    "qwsz", "vghn", "xdfv", "serfcx", "wrsd", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn", "jiolm", "kop",
    "njk", "bhjm", "iplk", "ol", "wa", "etdf", "awedxz", "ryfg", "yihj", "cfgb", "qeas", "zsdc", "tugh", "asx"};

  private Typos() {
  }

  /** The text with one slip in one Latin word of four letters or more (never its first letter); else unchanged. */
  public static String typo(String text, Random random) {
    List<int[]> words = new ArrayList<>();
    Matcher word = LONG_WORD.matcher(text);
    while (word.find()) {
      words.add(new int[] {word.start(), word.end()});
    }
    if (words.isEmpty()) {
      return text;
    }
    int[] chosen = words.get(random.nextInt(words.size()));
    // The first letter stays: people rarely get it wrong, and it anchors the word.
    int at = chosen[0] + 1 + random.nextInt(chosen[1] - chosen[0] - 1);
    char c = text.charAt(at);
    String before = text.substring(0, at);
    String after = text.substring(at + 1);
    return switch (random.nextInt(4)) {
      case 0 -> before + neighbour(c, random) + after;
      case 1 -> before + after;
      case 2 -> before + c + c + after;
      default -> at + 1 < chosen[1] ? before + text.charAt(at + 1) + c + text.substring(at + 2) : before + after;
    };
  }

  private static char neighbour(char c, Random random) {
    char lower = Character.toLowerCase(c);
    String keys = NEIGHBOURS[lower - 'a'];
    char hit = keys.charAt(random.nextInt(keys.length()));
    return Character.isUpperCase(c) ? Character.toUpperCase(hit) : hit;
  }
}
