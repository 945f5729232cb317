package com.shopchat.nlu.model;

/**
 * How to train an {@link IntentModel}: encoder size, vocabulary size and optimisation settings. The seed
 * fixes weight initialisation, dropout and batch order, so a run can be reproduced.
 */
public record TrainingConfig(
    int vocabularySize, int hiddenSize, int layers, int heads, int feedForwardSize, int maxLength,
    float dropout, int epochs, int batchSize, float learningRate, long seed) {

  /** A small encoder suited to a few thousand utterances on CPU. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(8000, 128, 2, 4, 256, 48, 0.1f, 20, 32, 1e-3f, 42);
  }

  /** The encoder shape for a vocabulary and label set of the given sizes. */
  EncoderConfig encoder(int actualVocabularySize, int labels) {
    return new EncoderConfig(actualVocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength,
        dropout, labels);
  }

  public TrainingConfig withEpochs(int value) {
    return new TrainingConfig(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout,
        value, batchSize, learningRate, seed);
  }

  public TrainingConfig withSeed(long value) {
    return new TrainingConfig(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout,
        epochs, batchSize, learningRate, value);
  }
}
