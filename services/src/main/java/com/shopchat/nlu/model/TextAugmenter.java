package com.shopchat.nlu.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Noise added to training utterances each epoch so the model sees what shoppers really type: a typo in
 * one word (a letter dropped, doubled, swapped with its neighbour or replaced by a key next to it), or
 * one word left out. Deterministic for a given {@code Random}.
 */
final class TextAugmenter {

  private static final String[] KEYBOARD = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

  private final float typoRate;
  private final float wordDropout;

  TextAugmenter(float typoRate, float wordDropout) {
    this.typoRate = typoRate;
    this.wordDropout = wordDropout;
  }

  boolean active() {
    return typoRate > 0 || wordDropout > 0;
  }

  /** The utterance, perhaps with a typo and perhaps with a word fewer. */
  String augment(String text, Random random) {
    String result = text;
    if (random.nextFloat() < typoRate) {
      result = typo(result, random);
    }
    if (random.nextFloat() < wordDropout) {
      result = dropWord(result, random);
    }
    return result;
  }

  /** One edit inside a random Latin word of at least four letters; other text is left alone. */
  static String typo(String text, Random random) {
    List<int[]> words = latinWords(text, 4);
    if (words.isEmpty()) {
      return text;
    }
    int[] word = words.get(random.nextInt(words.size()));
    // Keep the first letter: people rarely get it wrong, and it anchors the word.
    int at = word[0] + 1 + random.nextInt(word[1] - word[0] - 1);
    StringBuilder b = new StringBuilder(text);
    switch (random.nextInt(4)) {
      case 0 -> b.deleteCharAt(at);
      case 1 -> b.insert(at, text.charAt(at));
      case 2 -> {
        if (at + 1 < word[1]) {
          b.setCharAt(at, text.charAt(at + 1));
          b.setCharAt(at + 1, text.charAt(at));
        } else {
          b.deleteCharAt(at);
        }
      }
      default -> b.setCharAt(at, neighbour(text.charAt(at), random));
    }
    return b.toString();
  }

  /** The utterance without one of its words, when it has at least three. */
  static String dropWord(String text, Random random) {
    String[] words = text.trim().split("\\s+");
    if (words.length < 3) {
      return text;
    }
    int drop = random.nextInt(words.length);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      if (i != drop) {
        b.append(b.isEmpty() ? "" : " ").append(words[i]);
      }
    }
    return b.toString();
  }

  private static char neighbour(char c, Random random) {
    char lower = Character.toLowerCase(c);
    for (String row : KEYBOARD) {
      int i = row.indexOf(lower);
      if (i >= 0) {
        int j = i == 0 ? 1 : i == row.length() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
        char n = row.charAt(j);
        return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
      }
    }
    return c;
  }

  /** [start, end) of each run of ASCII letters at least {@code min} long. */
  private static List<int[]> latinWords(String text, int min) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (isLatin(text.charAt(i))) {
        int start = i;
        while (i < text.length() && isLatin(text.charAt(i))) {
          i++;
        }
        if (i - start >= min) {
          words.add(new int[] {start, i});
        }
      } else {
        i++;
      }
    }
    return words;
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
