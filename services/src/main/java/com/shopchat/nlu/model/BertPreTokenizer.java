package com.shopchat.nlu.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java twin of the Hugging Face {@code BertNormalizer} + {@code BertPreTokenizer} pair, so the
 * vocabulary is learnt from exactly the words the runtime tokenizer will later see.
 */
final class BertPreTokenizer {

  private BertPreTokenizer() {
  }

  /** Lowercases, strips accents, drops control characters and splits into words and punctuation. */
  static List<String> words(String text) {
    String normalized = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    normalized.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == 0 || cp == 0xFFFD || isControl(cp)) {
        return;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        flush(word, words);
      } else if (isPunctuation(cp) || isCjk(cp)) {
        // Both stand alone: HF splits punctuation off, and handle_chinese_chars spaces every CJK ideograph.
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    });
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT
        || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.UNASSIGNED;
  }

  /** BERT counts all non-alphanumeric ASCII as punctuation (e.g. {@code $}, {@code ^}), plus Unicode P*. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** The CJK Unified Ideograph blocks BERT's {@code handle_chinese_chars} splits on. */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
