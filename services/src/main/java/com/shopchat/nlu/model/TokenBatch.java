package com.shopchat.nlu.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Turns utterances into the encoder's inputs, padded only to the longest utterance of the batch: short
 * chat messages then cost a few positions, not {@code maxLength}.
 */
final class TokenBatch {

  private TokenBatch() {
  }

  /**
   * Token ids {@code (B, T)} (int64, 0 = {@code [PAD]}), the padding mask {@code (B, T)} (int64 1/0) and,
   * when the config has character features, trigram ids {@code (B, T, charNgrams)} (0 = none).
   */
  static NDList encode(HuggingFaceTokenizer tokenizer, List<String> texts, EncoderConfig config, NDManager manager) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int length = 1;
    for (Encoding encoding : encodings) {
      length = Math.max(length, Math.min(config.maxLength(), encoding.getIds().length));
    }
    long[] ids = new long[texts.size() * length];
    long[] mask = new long[ids.length];
    long[] ngrams = config.characterFeatures() ? new long[ids.length * config.charNgrams()] : null;
    for (int row = 0; row < encodings.length; row++) {
      long[] tokens = encodings[row].getIds();
      int n = Math.min(length, tokens.length);
      System.arraycopy(tokens, 0, ids, row * length, n);
      Arrays.fill(mask, row * length, row * length + n, 1L);
      if (ngrams != null) {
        CharNgrams.fill(texts.get(row), encodings[row], length, config.charNgrams(), config.charBuckets(), ngrams, row);
      }
    }
    Shape shape = new Shape(texts.size(), length);
    NDList inputs = new NDList(manager.create(ids, shape), manager.create(mask, shape));
    if (ngrams != null) {
      inputs.add(manager.create(ngrams, new Shape(texts.size(), length, config.charNgrams())));
    }
    return inputs;
  }
}
