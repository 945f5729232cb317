package com.shopchat.nlu.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Text in, its unit-length sentence vector out (see {@link SentenceEncoderBlock}); batches padded as intents are. */
final class SentenceTranslator implements Translator<String, float[]> {

  private final HuggingFaceTokenizer tokenizer;
  private final EncoderConfig config;

  SentenceTranslator(HuggingFaceTokenizer tokenizer, EncoderConfig config) {
    this.tokenizer = tokenizer;
    this.config = config;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, String text) {
    return TokenBatch.encode(tokenizer, List.of(text), config, ctx.getNDManager());
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList vectors) {
    return vectors.singletonOrThrow().get(0).toFloatArray();
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<String> texts) {
    return TokenBatch.encode(tokenizer, texts, config, ctx.getNDManager());
  }

  @Override
  public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList vectors) {
    NDArray all = vectors.singletonOrThrow();
    int rows = (int) all.getShape().get(0);
    int size = (int) all.getShape().get(1);
    float[] flat = all.toFloatArray();
    List<float[]> result = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      result.add(Arrays.copyOfRange(flat, row * size, (row + 1) * size));
    }
    return result;
  }
}
