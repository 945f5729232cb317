package com.shopchat.nlu.model;

import java.util.Random;

/**
 * Noise added to training utterances each epoch so the model sees what shoppers really type: a typo in
 * one word ({@link Typos}, the same slips as the generated corpus) or one word left out. Deterministic for a given {@code Random}.
 */
final class TextAugmenter {

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
      result = Typos.typo(result, random);
    }
    if (random.nextFloat() < wordDropout) {
      result = dropWord(result, random);
    }
    return result;
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
}
