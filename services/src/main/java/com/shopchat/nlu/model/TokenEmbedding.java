package com.shopchat.nlu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table from ids to vectors: {@code (…)} int64 ids in, {@code (…, size)} out.
 *
 * <p>Written instead of DJL's {@code IdEmbedding}, which temporarily attaches the shared table to each
 * call's manager: two predictors of one model running at once then free each other's arrays. This block
 * only reads the table, so one model can serve a predictor per worker thread.
 */
final class TokenEmbedding extends AbstractBlock {

  private final int dictionarySize;
  private final int size;
  private final Parameter table;

  TokenEmbedding(int dictionarySize, int size) {
    this.dictionarySize = dictionarySize;
    this.size = size;
    // Named as IdEmbedding named it, so the parameter layout of saved models stays the same.
    table = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(dictionarySize, size)).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray weights = store.getValue(table, ids.getDevice(), training);
    return Embedding.embedding(ids, weights, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].addAll(new Shape(size))};
  }

  @Override
  public String toString() {
    return "TokenEmbedding(" + dictionarySize + " x " + size + ")";
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // No child blocks: the table is this block's own parameter.
  }
}
