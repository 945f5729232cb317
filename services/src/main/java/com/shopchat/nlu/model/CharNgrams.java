package com.shopchat.nlu.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.Locale;

/**
 * Hashed character trigrams of the word each token belongs to, fastText-style: a misspelt word
 * ("reimbvurse") is split into quite different WordPieces than the right one, but shares most of its
 * trigrams with it, so the model still sees much of the same evidence.
 *
 * <p>Ids are in {@code 1..buckets-1}; 0 pads. The hash is fixed (FNV-1a), so a saved model reads the
 * same ids on any JVM.
 */
final class CharNgrams {

  private CharNgrams() {
  }

  /**
   * Fills {@code out[row * length * perToken ...]} with up to {@code perToken} trigram ids for each of
   * the first {@code length} tokens of the encoding; special tokens get none.
   */
  static void fill(String text, Encoding encoding, int length, int perToken, int buckets, long[] out, int row) {
    long[] words = encoding.getWordIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int n = Math.min(length, words.length);
    int token = 0;
    while (token < n) {
      if (words[token] < 0 || spans[token] == null) {
        token++;
        continue;
      }
      // Tokens of one word are consecutive; the word's text runs from its first token's start to its last's end.
      int first = token;
      int start = spans[token].getStart();
      int end = spans[token].getEnd();
      while (token + 1 < n && words[token + 1] == words[first] && spans[token + 1] != null) {
        token++;
        end = spans[token].getEnd();
      }
      long[] ids = ids(text.substring(start, Math.min(end, text.length())), perToken, buckets);
      for (int t = first; t <= token; t++) {
        System.arraycopy(ids, 0, out, (row * length + t) * perToken, ids.length);
      }
      token++;
    }
  }

  /** The trigram ids of {@code <word>}, lower-cased, at most {@code limit} of them. */
  static long[] ids(String word, int limit, int buckets) {
    String padded = "<" + word.toLowerCase(Locale.ROOT) + ">";
    int count = Math.max(0, Math.min(limit, padded.length() - 2));
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = 1 + Math.floorMod(fnv1a(padded, i, i + 3), buckets - 1);
    }
    return ids;
  }

  private static int fnv1a(String s, int from, int to) {
    int hash = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      hash ^= s.charAt(i);
      hash *= 0x01000193;
    }
    return hash;
  }
}
