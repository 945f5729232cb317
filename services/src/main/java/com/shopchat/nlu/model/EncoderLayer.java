package com.shopchat.nlu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm transformer layer: masked multi-head self-attention, then a GELU feed-forward, each
 * in a residual branch. Pre-LN because it trains stably from scratch without learning-rate warm-up.
 *
 * <p>Inputs: hidden states {@code (B, T, H)} and the padding mask {@code (B, T)} (1 = token, 0 = pad).
 * Nothing depends on T, so every batch can have its own length.
 */
final class EncoderLayer extends AbstractBlock {

  /** Added to attention logits of padded keys; large enough to zero them, small enough for fp16. */
  private static final float MASKED = -1e4f;

  private final int hiddenSize;
  private final int heads;
  private final int feedForwardSize;
  private final LayerNorm attentionNorm;
  private final Linear queryKeyValue;
  private final Dropout attentionDropout;
  private final Linear attentionOutput;
  private final LayerNorm feedForwardNorm;
  private final Linear feedForwardIn;
  private final Linear feedForwardOut;
  private final Dropout residualDropout;

  EncoderLayer(EncoderConfig config) {
    this.hiddenSize = config.hiddenSize();
    this.heads = config.heads();
    this.feedForwardSize = config.feedForwardSize();
    // axis(2): without it DJL's LayerNorm normalises over every non-batch axis, (T, H), tying it to T.
    attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
    queryKeyValue = addChildBlock("queryKeyValue", Linear.builder().setUnits(3L * hiddenSize).build());
    attentionDropout = addChildBlock("attentionDropout", Dropout.builder().optRate(config.dropout()).build());
    attentionOutput = addChildBlock("attentionOutput", Linear.builder().setUnits(hiddenSize).build());
    feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
    feedForwardIn = addChildBlock("feedForwardIn", Linear.builder().setUnits(config.feedForwardSize()).build());
    feedForwardOut = addChildBlock("feedForwardOut", Linear.builder().setUnits(hiddenSize).build());
    residualDropout = addChildBlock("residualDropout", Dropout.builder().optRate(config.dropout()).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray attended = selfAttention(store, apply(store, attentionNorm, x, training), mask, training);
    x = x.add(apply(store, residualDropout, attended, training));
    NDArray hidden = Activation.gelu(apply(store, feedForwardIn, apply(store, feedForwardNorm, x, training), training));
    x = x.add(apply(store, residualDropout, apply(store, feedForwardOut, hidden, training), training));
    return new NDList(x);
  }

  private NDArray selfAttention(ParameterStore store, NDArray x, NDArray mask, boolean training) {
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    int headSize = hiddenSize / heads;
    NDList qkv = apply(store, queryKeyValue, x, training).split(3, 2);
    // (B, T, H) -> (B, heads, T, headSize)
    NDArray q = qkv.get(0).reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(batch, length, heads, headSize).transpose(0, 2, 3, 1);
    NDArray v = qkv.get(2).reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    NDArray scores = q.matMul(k).div((float) Math.sqrt(headSize));
    NDArray keyMask = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED).reshape(batch, 1, 1, length);
    NDArray weights = apply(store, attentionDropout, scores.add(keyMask).softmax(-1), training);
    NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, hiddenSize);
    return apply(store, attentionOutput, context, training);
  }

  static NDArray apply(ParameterStore store, Block block, NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = inputShapes[0];
    Shape ffn = new Shape(hidden.get(0), hidden.get(1), feedForwardSize);
    attentionNorm.initialize(manager, dataType, hidden);
    queryKeyValue.initialize(manager, dataType, hidden);
    attentionDropout.initialize(manager, dataType, hidden);
    attentionOutput.initialize(manager, dataType, hidden);
    feedForwardNorm.initialize(manager, dataType, hidden);
    feedForwardIn.initialize(manager, dataType, hidden);
    feedForwardOut.initialize(manager, dataType, ffn);
    residualDropout.initialize(manager, dataType, hidden);
  }
}
