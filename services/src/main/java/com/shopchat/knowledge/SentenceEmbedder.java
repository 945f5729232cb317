package com.shopchat.knowledge;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import com.shopchat.kb.Embedder;
import com.shopchat.nlu.model.IntentModel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The knowledge index's {@link Embedder} backed by the intent model's sentence vectors (see
 * {@link IntentModel#newSentencePredictor()}).
 *
 * <p>A DJL predictor must never run on two threads at once, and searches come from any worker thread; so each
 * call borrows a predictor from a small pool and gives it back, creating one only when all are busy. The pool
 * never holds more predictors than calls ever ran at once. The model stays its owner's: {@link #close()} frees
 * the predictors only.
 */
public final class SentenceEmbedder implements Embedder, AutoCloseable {

  /** Texts per forward pass when embedding many (a rebuild): bounded so padding and memory stay small. */
  private static final int BATCH = 64;

  private final IntentModel model;
  private final ConcurrentLinkedDeque<Predictor<String, float[]>> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private SentenceEmbedder(IntentModel model) {
    this.model = model;
  }

  /** An embedder reading {@code model}, which must outlive it. */
  public static SentenceEmbedder create(IntentModel model) {
    return new SentenceEmbedder(Objects.requireNonNull(model, "model must not be null"));
  }

  @Override
  public int dimension() {
    return model.sentenceDimension();
  }

  @Override
  public float[][] embed(List<String> texts) {
    if (closed) {
      throw new IllegalStateException("embedder is closed");
    }
    Predictor<String, float[]> predictor = idle.pollFirst();
    if (predictor == null) {
      predictor = model.newSentencePredictor();
    }
    try {
      float[][] vectors = new float[texts.size()][];
      for (int start = 0; start < texts.size(); start += BATCH) {
        List<float[]> batch = predictor.batchPredict(texts.subList(start, Math.min(texts.size(), start + BATCH)));
        for (int i = 0; i < batch.size(); i++) {
          vectors[start + i] = batch.get(i);
        }
      }
      return vectors;
    } catch (TranslateException e) {
      throw new IllegalStateException("sentence embedding failed", e);
    } finally {
      idle.offerFirst(predictor);
      if (closed) {
        drain();
      }
    }
  }

  /** Frees the pooled predictors; calls running now return theirs and free them. */
  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (Predictor<String, float[]> p = idle.pollFirst(); p != null; p = idle.pollFirst()) {
      p.close();
    }
  }
}
