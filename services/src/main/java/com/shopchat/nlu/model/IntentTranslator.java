package com.shopchat.nlu.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Utterance in, intent probabilities (in label order) out. Batches are padded to their own longest
 * utterance here instead of through a {@code Batchifier}, which could only stack equal shapes.
 */
final class IntentTranslator implements Translator<String, float[]> {

  private final HuggingFaceTokenizer tokenizer;
  private final EncoderConfig config;

  IntentTranslator(HuggingFaceTokenizer tokenizer, EncoderConfig config) {
    this.tokenizer = tokenizer;
    this.config = config;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, String text) {
    return TokenBatch.encode(tokenizer, List.of(text), config, ctx.getNDManager());
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList logits) {
    return logits.singletonOrThrow().softmax(-1).get(0).toFloatArray();
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<String> texts) {
    return TokenBatch.encode(tokenizer, texts, config, ctx.getNDManager());
  }

  @Override
  public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList logits) {
    NDArray probabilities = logits.singletonOrThrow().softmax(-1);
    int rows = (int) probabilities.getShape().get(0);
    int labels = (int) probabilities.getShape().get(1);
    // One copy out of native memory for the whole batch, then split: a copy per row costs an NDArray each.
    float[] all = probabilities.toFloatArray();
    List<float[]> result = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      result.add(Arrays.copyOfRange(all, row * labels, (row + 1) * labels));
    }
    return result;
  }
}
