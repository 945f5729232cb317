package com.shopchat.nlu.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A trained intent classifier: the WordPiece tokenizer, the {@link IntentEncoderBlock} weights and the
 * intent labels, trained, saved and loaded together.
 *
 * <p>The same encoder also gives sentence vectors ({@link #newSentencePredictor()}): the hidden state the
 * classifier reads, before it, normalised to unit length; {@link #newReadingPredictor()} gives both from one pass.
 *
 * <p>Thread safety: {@link #predict} is {@code synchronized} because it shares one DJL {@code Predictor},
 * which is not thread-safe. Serving at volume should give each worker thread its own predictor via
 * {@link #newPredictor()} or {@link #newSentencePredictor()} instead of calling {@link #predict} from many threads.
 */
public final class IntentModel implements IntentClassifier {

  public static final String ENGINE = "PyTorch";
  private static final String MODEL_NAME = "intent";
  private static final String TOKENIZER_FILE = "tokenizer.json";
  /** Written next to the weights by {@code nlu train}: training facts, the OOS threshold, validation metrics. */
  public static final String METRICS_FILE = "metrics.json";
  private static final int PREDICT_BATCH = 256;

  private final Model model;
  private final HuggingFaceTokenizer tokenizer;
  private final String tokenizerJson;
  private final List<String> labels;
  private final EncoderConfig config;
  private final Predictor<String, float[]> predictor;
  /** The n-gram model saved beside the transformer ({@link NgramMember}), averaged into every answer; or null. */
  private NgramIntentModel member;
  /** The encoder without its classifier; a model of its own only because a DJL predictor runs its model's block. */
  private final Model sentenceModel;
  /** The encoder giving logits and sentence vector together; a model of its own for the same reason. */
  private final Model readingModel;

  private IntentModel(Model model, String tokenizerJson, List<String> labels, EncoderConfig config) {
    this.model = model;
    this.sentenceModel = Model.newInstance(MODEL_NAME + "-sentence", ENGINE);
    sentenceModel.setBlock(new SentenceEncoderBlock((IntentEncoderBlock) model.getBlock()));
    this.readingModel = Model.newInstance(MODEL_NAME + "-reading", ENGINE);
    readingModel.setBlock(new ReadingEncoderBlock((IntentEncoderBlock) model.getBlock()));
    this.tokenizerJson = tokenizerJson;
    this.tokenizer = tokenizer(tokenizerJson, config.maxLength());
    this.labels = List.copyOf(labels);
    this.config = config;
    this.predictor = newPredictor();
  }

  /** Largest gradient value an optimiser step uses. */
  public static final float GRADIENT_CLIP = 1f;

  /** Learns a vocabulary from the texts, then trains an encoder on them (deterministic for a seed). */
  public static IntentModel train(List<LabeledText> data, TrainingConfig cfg) {
    return train(data, cfg, EpochListener.NONE);
  }

  /** As {@link #train(List, TrainingConfig)}, telling the listener after every epoch how training goes. */
  public static IntentModel train(List<LabeledText> data, TrainingConfig cfg, EpochListener listener) {
    List<String> labels = labelsOf(data);
    List<String> vocabulary = WordPieceVocabularyBuilder.create().vocabularySize(cfg.vocabularySize())
        .learnVocabulary(data.stream().map(LabeledText::text).toList());
    String tokenizerJson = WordPieceVocabularyBuilder.tokenizerJson(vocabulary).encodePrettily();
    EncoderConfig config = cfg.encoder(vocabulary.size(), labels.size());
    Engine engine = Engine.getEngine(ENGINE);
    // Fixes weight initialisation and dropout; batch order has its own Random below.
    engine.setRandomSeed((int) cfg.seed());
    Model model = Model.newInstance(MODEL_NAME, ENGINE);
    model.setBlock(new IntentEncoderBlock(config));
    try (HuggingFaceTokenizer tokenizer = tokenizer(tokenizerJson, config.maxLength())) {
      fit(model, tokenizer, encodeLabels(data, labels), data, cfg, config, listener);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new IntentModel(model, tokenizerJson, labels, config);
  }

  /**
   * Fine-tunes a copy of the model saved in {@code dir}: its weights, tokenizer and labels are kept and trained on
   * for {@code cfg}'s epochs, batch size and learning rate (its encoder and vocabulary settings are ignored: the
   * saved model's are used). Examples whose intent the model has no label for must be left out by the caller.
   * The saved model is not changed; the new one is returned, unsaved. Blocking and CPU-heavy: a worker's job.
   */
  public static IntentModel fineTune(Path dir, List<LabeledText> data, TrainingConfig cfg, EpochListener listener)
      throws IOException {
    IntentModel base = load(dir);
    try {
      for (LabeledText example : data) {
        if (!base.labels.contains(example.intent())) {
          throw new IllegalArgumentException("the model has no intent " + example.intent());
        }
      }
      Engine.getEngine(ENGINE).setRandomSeed((int) cfg.seed());
      fit(base.model, base.tokenizer, encodeLabels(data, base.labels), data, cfg, base.config, listener);
      return base;
    } catch (RuntimeException e) {
      base.close();
      throw e;
    }
  }

  /** The labels a model trained on the data has, in the order of its probability vectors. */
  public static List<String> labelsOf(List<LabeledText> data) {
    return List.copyOf(new TreeSet<>(data.stream().map(LabeledText::intent).toList()));
  }

  private static void fit(Model model, HuggingFaceTokenizer tokenizer, long[] targets, List<LabeledText> data,
      TrainingConfig cfg, EncoderConfig config, EpochListener listener) {
    int stepsPerEpoch = (data.size() + cfg.batchSize() - 1) / cfg.batchSize();
    DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(cfg.labelSmoothing() > 0
        ? new SmoothedCrossEntropy(cfg.labelSmoothing()) : Loss.softmaxCrossEntropyLoss())
        // Each gradient value clipped to ±1: normal steps are far smaller; a rare blow-up is cut off before it
        // turns the weights to NaN.
        .optOptimizer(Optimizer.adamW().optLearningRateTracker(learningRate(cfg, stepsPerEpoch * cfg.epochs()))
            .optClipGrad(GRADIENT_CLIP).build());
    TextAugmenter augmenter = new TextAugmenter(cfg.typoRate(), cfg.wordDropout());
    try (Trainer trainer = model.newTrainer(trainingConfig)) {
      trainer.initialize(inputShapes(config));
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        order.add(i);
      }
      Random random = new Random(cfg.seed());
      for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
        Collections.shuffle(order, random);
        double lossSum = 0;
        for (int start = 0; start < order.size(); start += cfg.batchSize()) {
          List<Integer> batch = order.subList(start, Math.min(order.size(), start + cfg.batchSize()));
          List<String> texts = new ArrayList<>(batch.size());
          for (int i : batch) {
            String text = data.get(i).text();
            texts.add(augmenter.active() ? augmenter.augment(text, random) : text);
          }
          lossSum += trainStep(trainer, tokenizer, texts, batch, targets, config) * batch.size();
          listener.batchEnded(epoch + 1, start / cfg.batchSize() + 1, stepsPerEpoch);
        }
        double meanLoss = lossSum / data.size();
        if (!Double.isFinite(meanLoss)) {
          // Say so rather than save a model that answers NaN to everything.
          throw new IllegalStateException("training diverged: mean loss " + meanLoss + " in epoch " + (epoch + 1));
        }
        reportEpoch(listener, model, tokenizer, cfg, config, epoch, meanLoss);
      }
    }
  }

  /** Linear warm-up over {@code warmupFraction} of the steps, then a cosine down to 1 % of the rate. */
  private static Tracker learningRate(TrainingConfig cfg, int totalSteps) {
    int warmup = Math.round(cfg.warmupFraction() * totalSteps);
    if (warmup == 0) {
      return Tracker.fixed(cfg.learningRate());
    }
    Tracker cosine = Tracker.cosine().setBaseValue(cfg.learningRate()).optFinalValue(cfg.learningRate() / 100)
        .setMaxUpdates(Math.max(1, totalSteps - warmup)).build();
    return Tracker.warmUp().setMainTracker(cosine).optWarmUpSteps(warmup).build();
  }

  /** The input shapes the block is initialised with: ids and mask, plus trigram ids with character features. */
  private static Shape[] inputShapes(EncoderConfig config) {
    Shape tokens = new Shape(1, config.maxLength());
    return config.characterFeatures()
        ? new Shape[] {tokens, tokens, new Shape(1, config.maxLength(), config.charNgrams())}
        : new Shape[] {tokens, tokens};
  }

  /** One optimiser step on a batch; returns the batch's mean loss. */
  private static float trainStep(Trainer trainer, HuggingFaceTokenizer tokenizer, List<String> texts,
      List<Integer> batch, long[] targets, EncoderConfig config) {
    try (NDManager manager = trainer.getManager().newSubManager()) {
      NDList inputs = TokenBatch.encode(tokenizer, texts, config, manager);
      NDArray labels = manager.create(batch.stream().mapToLong(i -> targets[i]).toArray());
      float loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList logits = trainer.forward(inputs);
        NDArray lossValue = trainer.getLoss().evaluate(new NDList(labels), logits);
        collector.backward(lossValue);
        loss = lossValue.getFloat();
      }
      trainer.step();
      return loss;
    }
  }

  /** The probe predicts with the weights as they are after this epoch, dropout off (a predictor never trains). */
  private static void reportEpoch(EpochListener listener, Model model, HuggingFaceTokenizer tokenizer,
      TrainingConfig cfg, EncoderConfig config, int epoch, double meanLoss) {
    if (listener == EpochListener.NONE) {
      return;
    }
    try (Predictor<String, float[]> predictor = model.newPredictor(new IntentTranslator(tokenizer, config))) {
      listener.epochEnded(epoch + 1, cfg.epochs(), meanLoss, texts -> predictAll(predictor, texts));
    }
  }

  /** Probabilities (in label order) for many utterances, predicted in batches of {@value #PREDICT_BATCH}. */
  @Override
  public synchronized List<float[]> predictProbabilities(List<String> texts) {
    return NgramMember.averaged(predictAll(predictor, texts), member, texts);
  }

  private static List<float[]> predictAll(Predictor<String, float[]> predictor, List<String> texts) {
    List<float[]> rows = new ArrayList<>(texts.size());
    try {
      for (int start = 0; start < texts.size(); start += PREDICT_BATCH) {
        rows.addAll(predictor.batchPredict(texts.subList(start, Math.min(texts.size(), start + PREDICT_BATCH))));
      }
    } catch (TranslateException e) {
      throw new IllegalStateException("intent prediction failed", e);
    }
    return rows;
  }

  /** Told after each training epoch (1-based) its mean training loss; the probe classifies with the current weights. */
  @FunctionalInterface
  public interface EpochListener {

    /** A listener that wants nothing, so no probe is built. */
    EpochListener NONE = (epoch, epochs, meanLoss, probe) -> { };

    void epochEnded(int epoch, int epochs, double meanLoss, Probe probe);

    /** Told after each optimiser step, for progress display; {@code batch} counts from 1 within the epoch. */
    default void batchEnded(int epoch, int batch, int batches) {
    }
  }

  /** Probabilities (in label order) for utterances, from the weights of the epoch just finished. */
  @FunctionalInterface
  public interface Probe {
    List<float[]> probabilities(List<String> texts);
  }

  private static long[] encodeLabels(List<LabeledText> data, List<String> labels) {
    return data.stream().mapToLong(example -> labels.indexOf(example.intent())).toArray();
  }

  /** Writes weights, {@code tokenizer.json}, {@code labels.json} and {@code config.json} into the directory. */
  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    model.save(dir, MODEL_NAME);
    Files.writeString(dir.resolve(TOKENIZER_FILE), tokenizerJson);
    Files.writeString(dir.resolve("labels.json"), new JsonArray(new ArrayList<>(labels)).encodePrettily());
    Files.writeString(dir.resolve("config.json"), config.toJson().encodePrettily());
  }

  /** Loads a model written by {@link #save}; reads only local files, never the network. */
  public static IntentModel load(Path dir) throws IOException {
    JsonObject configJson = new JsonObject(Files.readString(dir.resolve("config.json")));
    String kind = configJson.getString("kind", TRANSFORMER);
    if (!TRANSFORMER.equals(kind)) {
      throw new IOException(dir + " holds a model of kind " + kind + ", not a transformer: load it with "
          + "IntentClassifier.load");
    }
    EncoderConfig config = EncoderConfig.fromJson(configJson);
    List<String> labels = new JsonArray(Files.readString(dir.resolve("labels.json"))).stream()
        .map(String::valueOf).toList();
    String tokenizerJson = Files.readString(dir.resolve(TOKENIZER_FILE));
    Model model = Model.newInstance(MODEL_NAME, ENGINE);
    try {
      IntentEncoderBlock block = new IntentEncoderBlock(config);
      block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes(config));
      model.setBlock(block);
      model.load(dir, MODEL_NAME);
    } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw e instanceof IOException io ? io : new IOException("cannot load intent model from " + dir, e);
    }
    IntentModel loaded = new IntentModel(model, tokenizerJson, labels, config);
    try {
      loaded.member = NgramMember.load(dir, labels);
    } catch (IOException | RuntimeException e) {
      loaded.close();
      throw e;
    }
    return loaded;
  }

  /**
   * The n-gram member read with this model from its directory's {@value NgramMember#DIR} subdirectory, whose
   * probabilities every prediction of this model averages in; null when it has none.
   */
  public NgramIntentModel member() {
    return member;
  }

  /**
   * The out-of-scope threshold saved with the model in {@value #METRICS_FILE} (chosen by {@code nlu train
   * --val}); null when there is none.
   */
  public static Float savedOosThreshold(Path dir) throws IOException {
    Path metrics = dir.resolve(METRICS_FILE);
    if (!Files.isRegularFile(metrics)) {
      return null;
    }
    try {
      return new JsonObject(Files.readString(metrics)).getFloat("oosThreshold");
    } catch (DecodeException | ClassCastException e) {
      throw new IOException(metrics + ": unreadable: " + e.getMessage(), e);
    }
  }

  /** All intents, most likely first. Synchronized: see the class comment. */
  public synchronized List<IntentScore> predict(String text) {
    try {
      return rank(NgramMember.averaged(List.of(predictor.predict(text)), member, List.of(text)).get(0));
    } catch (TranslateException e) {
      throw new IllegalStateException("intent prediction failed", e);
    }
  }

  /** Ranks a probability vector (in label order) as returned by a predictor from {@link #newPredictor()}. */
  public List<IntentScore> rank(float[] probabilities) {
    List<IntentScore> ranking = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      ranking.add(new IntentScore(labels.get(i), probabilities[i]));
    }
    ranking.sort(Comparator.comparing(IntentScore::confidence).reversed());
    return ranking;
  }

  /** A predictor of intent probabilities for one thread; {@code batchPredict} pads per batch. */
  public Predictor<String, float[]> newPredictor() {
    return model.newPredictor(new IntentTranslator(tokenizer, config));
  }

  /**
   * A predictor of sentence vectors for one thread: the encoder's masked-mean hidden state before the classifier,
   * L2-normalised ({@link #sentenceDimension()} floats, unit length); {@code batchPredict} pads per batch. Never
   * share one between threads.
   */
  public Predictor<String, float[]> newSentencePredictor() {
    return sentenceModel.newPredictor(new SentenceTranslator(tokenizer, config));
  }

  /**
   * A predictor for one thread of both at once, from one forward pass: the intent probabilities (as
   * {@link #newPredictor()}'s) and the sentence vector (as {@link #newSentencePredictor()}'s, equal up to float
   * rounding). What the chat's NLU runs, so the knowledge base gets the message's vector without a pass of its own.
   * Never share one between threads.
   */
  public Predictor<String, IntentReading> newReadingPredictor() {
    return readingModel.newPredictor(new ReadingTranslator(tokenizer, config));
  }

  /** The length of a sentence vector: the encoder's hidden size. */
  public int sentenceDimension() {
    return config.hiddenSize();
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  public EncoderConfig config() {
    return config;
  }

  @Override
  public void close() {
    predictor.close();
    tokenizer.close();
    sentenceModel.close();
    readingModel.close();
    model.close();
  }

  private static HuggingFaceTokenizer tokenizer(String json, int maxLength) {
    try (var in = new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return HuggingFaceTokenizer.newInstance(in, Map.of(
          "addSpecialTokens", "true", "padding", "false", "truncation", "true", "maxLength", String.valueOf(maxLength)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
