package com.shopchat.nlu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A view of a trained {@link IntentEncoderBlock} that returns, from one forward pass, both what the classifier says
 * (logits {@code (B, labels)}) and the sentence vector it read (the masked-mean hidden state, L2-normalised,
 * {@code (B, hidden)}: exactly what {@link SentenceEncoderBlock} returns). The NLU classifies every chat message
 * anyway; with this the knowledge base's query vector comes with the intent instead of costing a second pass.
 *
 * <p>Like {@link SentenceEncoderBlock} it owns no parameters, never trains and is never saved.
 */
final class ReadingEncoderBlock extends AbstractBlock {

  private final IntentEncoderBlock encoder;

  ReadingEncoderBlock(IntentEncoderBlock encoder) {
    this.encoder = encoder;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray pooled = encoder.pooled(store, inputs, false);
    return new NDList(encoder.logits(store, pooled, false), SentenceEncoderBlock.unitLength(pooled));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long batch = inputShapes[0].get(0);
    return new Shape[] {new Shape(batch, encoder.config().labels()), new Shape(batch, encoder.config().hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // Nothing to initialise: the weights are the trained encoder's.
  }
}
