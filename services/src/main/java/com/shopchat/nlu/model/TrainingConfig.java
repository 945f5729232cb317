package com.shopchat.nlu.model;

/**
 * How to train an {@link IntentModel}: encoder size, vocabulary size and optimisation settings. The seed
 * fixes weight initialisation, dropout, augmentation and batch order, so a run can be reproduced.
 *
 * <p>Regularisation for a model learnt from scratch on a few thousand utterances: label smoothing (the
 * target keeps {@code labelSmoothing} of its mass spread over all intents, which also keeps confidences
 * honest for out-of-scope rejection), typos injected into {@code typoRate} of the utterances each epoch,
 * one word dropped from {@code wordDropout} of them, and a learning rate warmed up linearly over
 * {@code warmupFraction} of the steps, then decayed along a cosine.
 */
public record TrainingConfig(
    int vocabularySize, int hiddenSize, int layers, int heads, int feedForwardSize, int maxLength,
    float dropout, int epochs, int batchSize, float learningRate, long seed,
    int charBuckets, int charNgrams, float labelSmoothing, float typoRate, float wordDropout, float warmupFraction) {

  /** The settings without regularisation extras: no character features, plain cross-entropy, no augmentation. */
  public TrainingConfig(int vocabularySize, int hiddenSize, int layers, int heads, int feedForwardSize, int maxLength,
      float dropout, int epochs, int batchSize, float learningRate, long seed) {
    this(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout, epochs, batchSize,
        learningRate, seed, 0, 0, 0f, 0f, 0f, 0f);
  }

  /** A small encoder suited to a few thousand utterances on CPU, with every regulariser on. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(8000, 128, 2, 4, 256, 48, 0.1f, 20, 32, 1e-3f, 42, 4096, 12, 0.1f, 0.15f, 0.1f, 0.06f);
  }

  /** The encoder shape for a vocabulary and label set of the given sizes. */
  EncoderConfig encoder(int actualVocabularySize, int labels) {
    return new EncoderConfig(actualVocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength,
        dropout, labels, charBuckets, charNgrams);
  }

  public TrainingConfig withEpochs(int value) {
    return new TrainingConfig(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout,
        value, batchSize, learningRate, seed, charBuckets, charNgrams, labelSmoothing, typoRate, wordDropout,
        warmupFraction);
  }

  public TrainingConfig withSeed(long value) {
    return new TrainingConfig(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout,
        epochs, batchSize, learningRate, value, charBuckets, charNgrams, labelSmoothing, typoRate, wordDropout,
        warmupFraction);
  }

  /** These settings with character features, label smoothing and augmentation as in {@link #defaults()}. */
  public TrainingConfig withRegularisation() {
    TrainingConfig d = defaults();
    return new TrainingConfig(vocabularySize, hiddenSize, layers, heads, feedForwardSize, maxLength, dropout,
        epochs, batchSize, learningRate, seed, d.charBuckets, d.charNgrams, d.labelSmoothing, d.typoRate,
        d.wordDropout, d.warmupFraction);
  }
}
