package com.shopchat.nlu.corpus;

import java.util.List;
import java.util.Random;

/**
 * How shoppers of one language vary an utterance on its way to the chat box, in three steps the generator keeps
 * apart: {@link #phrase} changes the wording, {@link #noise} adds slips (typos, shorthand, dropped particles)
 * and {@link #style} changes only case and punctuation, which {@link #key} ignores.
 */
interface Surface {

  /** An opener ("hi,", "请问") and a closer ("thanks", "谢谢") now and then; never on plain intents. */
  String phrase(String text, List<String> openers, List<String> closers, boolean plain, Random random);

  /** The text with a slip a shopper might make, or unchanged most of the time; plain intents are short set phrases. */
  String noise(String text, boolean plain, Random random);

  /** The text in a case and punctuation a shopper might type. */
  String style(String text, Random random);

  /**
   * What two utterances must differ in to count as distinct: letters and digits, lower-cased. "Where's my
   * order?" and "wheres my order" are one utterance; a typo makes a new one. A message of emoji only is its own key.
   */
  static String key(String text) {
    StringBuilder key = new StringBuilder(text.length());
    text.toLowerCase(java.util.Locale.ROOT).codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(key::appendCodePoint);
    return key.isEmpty() ? text.strip() : key.toString();
  }

  /** Splits off trailing punctuation so that a closer goes before it: "where is it please?". */
  static String[] bodyAndEnding(String text, String endings) {
    int end = text.length();
    while (end > 0 && endings.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return new String[] {text.substring(0, end), text.substring(end)};
  }

  static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}
