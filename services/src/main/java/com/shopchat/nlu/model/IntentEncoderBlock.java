package com.shopchat.nlu.model;

import static com.shopchat.nlu.model.EncoderLayer.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A small BERT-style encoder that classifies an utterance: token + learnt position embeddings, pre-LN
 * transformer layers, a masked mean over the real tokens, and a linear layer to one logit per intent.
 *
 * <p>Built from DJL's basic blocks rather than {@code TransformerEncoderBlock} (batch norm, not layer
 * norm) or {@code BertBlock} (sequence length fixed at its maximum). Inputs are token ids {@code (B, T)}
 * and the padding mask {@code (B, T)}, plus character-trigram ids {@code (B, T, K)} when the config has
 * character features; T may differ per batch, up to {@link EncoderConfig#maxLength()}.
 * Output: logits {@code (B, labels)}.
 */
public final class IntentEncoderBlock extends AbstractBlock {

  private final EncoderConfig config;
  private final TokenEmbedding tokenEmbedding;
  private final TokenEmbedding positionEmbedding;
  private final TokenEmbedding charEmbedding;
  private final LayerNorm embeddingNorm;
  private final Dropout dropout;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;
  private final Linear classifier;

  /** An uninitialised encoder of the given shape. */
  public IntentEncoderBlock(EncoderConfig config) {
    this.config = config;
    tokenEmbedding = addChildBlock("tokenEmbedding", new TokenEmbedding(config.vocabularySize(), config.hiddenSize()));
    positionEmbedding = addChildBlock("positionEmbedding", new TokenEmbedding(config.maxLength(), config.hiddenSize()));
    charEmbedding = config.characterFeatures()
        ? addChildBlock("charEmbedding", new TokenEmbedding(config.charBuckets(), config.hiddenSize()))
        : null;
    embeddingNorm = addChildBlock("embeddingNorm", LayerNorm.builder().axis(2).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(config.dropout()).build());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new EncoderLayer(config)));
    }
    finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
    classifier = addChildBlock("classifier", Linear.builder().setUnits(config.labels()).build());
  }

  public EncoderConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(logits(store, pooled(store, inputs, training), training));
  }

  /** The classifier over {@link #pooled} states: one logit per intent, {@code (B, labels)}. */
  NDArray logits(ParameterStore store, NDArray pooled, boolean training) {
    return apply(store, classifier, apply(store, dropout, pooled, training), training);
  }

  /**
   * The sentence representation the classifier reads: the final layer's hidden states averaged over the real
   * tokens, {@code (B, hidden)}. {@link SentenceEncoderBlock} serves it on its own as a sentence vector,
   * {@link ReadingEncoderBlock} together with the logits.
   */
  NDArray pooled(ParameterStore store, NDList inputs, boolean training) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false);
    long length = ids.getShape().get(1);
    NDArray positions = ids.getManager().arange(0, (int) length, 1, DataType.INT64);
    NDArray x = apply(store, tokenEmbedding, ids, training)
        .add(apply(store, positionEmbedding, positions, training).expandDims(0));
    if (charEmbedding != null) {
      x = x.add(characterFeatures(store, inputs.get(2), training));
    }
    x = apply(store, dropout, apply(store, embeddingNorm, x, training), training);
    for (EncoderLayer layer : layers) {
      x = layer.forward(store, new NDList(x, mask), training).singletonOrThrow();
    }
    x = apply(store, finalNorm, x, training);
    // Masked mean rather than [CLS]: with little data from scratch, averaging every real token learns faster.
    NDArray weights = mask.expandDims(2);
    return x.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
  }

  /** The mean embedding of each token's trigrams {@code (B, T, K)} → {@code (B, T, H)}; tokens with none get 0. */
  private NDArray characterFeatures(ParameterStore store, NDArray ngrams, boolean training) {
    NDArray present = ngrams.gt(0).toType(DataType.FLOAT32, false);
    NDArray sum = apply(store, charEmbedding, ngrams, training).mul(present.expandDims(3)).sum(new int[] {2});
    return sum.div(present.sum(new int[] {2}).maximum(1f).expandDims(2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.labels())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    Shape hidden = new Shape(ids.get(0), ids.get(1), config.hiddenSize());
    tokenEmbedding.initialize(manager, dataType, ids);
    positionEmbedding.initialize(manager, dataType, new Shape(ids.get(1)));
    if (charEmbedding != null) {
      charEmbedding.initialize(manager, dataType, new Shape(ids.get(0), ids.get(1), config.charNgrams()));
    }
    embeddingNorm.initialize(manager, dataType, hidden);
    dropout.initialize(manager, dataType, hidden);
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, hidden, ids);
    }
    finalNorm.initialize(manager, dataType, hidden);
    classifier.initialize(manager, dataType, new Shape(ids.get(0), config.hiddenSize()));
  }
}
