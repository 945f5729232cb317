package com.shopchat.nlu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy against a smoothed target: the true intent gets {@code 1 - epsilon}, and
 * {@code epsilon} is spread evenly over all intents. DJL's {@code SoftmaxCrossEntropyLoss} has no
 * smoothing; without it a model trained from scratch grows over-confident, which ruins threshold-based
 * out-of-scope rejection.
 */
final class SmoothedCrossEntropy extends Loss {

  private final float epsilon;

  SmoothedCrossEntropy(float epsilon) {
    super("SmoothedCrossEntropy");
    this.epsilon = epsilon;
  }

  /** Labels: class indices {@code (B)}; predictions: logits {@code (B, C)}. Returns the mean loss. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    NDArray logProbabilities = logits.logSoftmax(-1);
    int classes = (int) logits.getShape().get(1);
    NDArray target = labels.singletonOrThrow().oneHot(classes).mul(1 - epsilon).add(epsilon / classes);
    return target.mul(logProbabilities).sum(new int[] {1}).neg().mean();
  }
}
