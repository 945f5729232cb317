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
 * A view of a trained {@link IntentEncoderBlock} that stops before the classifier: inputs as the encoder's,
 * output the L2-normalised masked-mean hidden state {@code (B, hidden)}, so a dot product is a cosine.
 *
 * <p>It owns no parameters and reads the encoder's, never trains, and is never saved: the encoder is not a child
 * block, so DJL's parameter walk (saving, initialising, a model's close) does not reach it twice.
 */
final class SentenceEncoderBlock extends AbstractBlock {

  private final IntentEncoderBlock encoder;

  SentenceEncoderBlock(IntentEncoderBlock encoder) {
    this.encoder = encoder;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(unitLength(encoder.pooled(store, inputs, false)));
  }

  /** Each row of {@code (B, hidden)} divided by its L2 norm. */
  static NDArray unitLength(NDArray pooled) {
    // The floor only matters for an all-zero state, which a trained encoder with layer norm does not produce.
    NDArray norm = pooled.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
    return pooled.div(norm);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), encoder.config().hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // Nothing to initialise: the weights are the trained encoder's.
  }
}
