package com.shopchat.nlu.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Utterance in, its intent probabilities and sentence vector out (see {@link ReadingEncoderBlock}). */
final class ReadingTranslator implements Translator<String, IntentReading> {

  private final HuggingFaceTokenizer tokenizer;
  private final EncoderConfig config;

  ReadingTranslator(HuggingFaceTokenizer tokenizer, EncoderConfig config) {
    this.tokenizer = tokenizer;
    this.config = config;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, String text) {
    return TokenBatch.encode(tokenizer, List.of(text), config, ctx.getNDManager());
  }

  @Override
  public IntentReading processOutput(TranslatorContext ctx, NDList outputs) {
    return batchProcessOutput(ctx, outputs).get(0);
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<String> texts) {
    return TokenBatch.encode(tokenizer, texts, config, ctx.getNDManager());
  }

  @Override
  public List<IntentReading> batchProcessOutput(TranslatorContext ctx, NDList outputs) {
    // One copy out of native memory per output for the whole batch, then split by row.
    float[] probabilities = outputs.get(0).softmax(-1).toFloatArray();
    float[] vectors = outputs.get(1).toFloatArray();
    int rows = (int) outputs.get(0).getShape().get(0);
    int labels = (int) outputs.get(0).getShape().get(1);
    int size = (int) outputs.get(1).getShape().get(1);
    List<IntentReading> result = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      result.add(new IntentReading(Arrays.copyOfRange(probabilities, row * labels, (row + 1) * labels),
          Arrays.copyOfRange(vectors, row * size, (row + 1) * size)));
    }
    return result;
  }
}
