package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.eval.IntentEvaluation;
import com.shopchat.nlu.eval.Prediction;
import com.shopchat.nlu.model.IntentClassifier;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.NgramConfig;
import com.shopchat.nlu.model.NgramIntentModel;
import com.shopchat.nlu.model.TrainingConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatbot nlu train}: trains an intent model on JSON Lines and saves it with its metrics. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train an intent model on JSON Lines {\"text\",\"intent\"} and save it to a directory.")
public final class TrainCommand implements Callable<Integer> {

  /** Written next to the weights: training facts, the chosen OOS threshold and validation metrics. */
  public static final String METRICS_FILE = IntentModel.METRICS_FILE;

  private static final TrainingConfig DEFAULTS = TrainingConfig.defaults();
  private static final NgramConfig NGRAM_DEFAULTS = NgramConfig.defaults();

  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, description = "Training data (JSON Lines); repeat to train on several files.")
  List<Path> data;

  @Option(names = "--val", description = "Validation data: per-epoch accuracy, OOS threshold, metrics.json.")
  Path validation;

  @Option(names = "--out", required = true, description = "Directory to write the model into.")
  Path out;

  @Option(names = "--kind", description = "transformer (the encoder) or ngram (softmax regression over word "
      + "uni/bigrams and character 2-5-grams: seconds to train, an ensemble member for `nlu evaluate --ensemble`); "
      + "ngram reads --epochs, --lr, --seed, --label-smoothing, --typo-rate, --word-dropout (its own defaults: "
      + "10 epochs, AdaGrad rate 0.1, no noise), --hidden (a ReLU layer of that width; default none: linear), --l2, "
      + "--min-count and --char-weight (default: ${DEFAULT-VALUE}).")
  String kind = IntentClassifier.TRANSFORMER;

  @Option(names = "--l2", description = "ngram: L2 penalty on the weights an example touches (default: ${DEFAULT-VALUE}).")
  float l2 = NGRAM_DEFAULTS.l2();

  @Option(names = "--min-count", description = "ngram: drop features seen fewer times in training (default: "
      + "${DEFAULT-VALUE}).")
  int minCount = NGRAM_DEFAULTS.minCount();

  @Option(names = "--char-weight", description = "ngram: weight of the character n-grams against the words "
      + "(default: ${DEFAULT-VALUE}).")
  float charWeight = NGRAM_DEFAULTS.charWeight();

  @Option(names = "--char-lengths", description = "ngram: lengths of the character n-grams within words, MIN-MAX "
      + "(default: ${DEFAULT-VALUE}).")
  String charLengths = NGRAM_DEFAULTS.charMin() + "-" + NGRAM_DEFAULTS.charMax();

  @Option(names = "--epochs", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs = DEFAULTS.epochs();

  @Option(names = "--hidden", description = "Encoder width (default: ${DEFAULT-VALUE}).")
  int hidden = DEFAULTS.hiddenSize();

  @Option(names = "--layers", description = "Encoder layers (default: ${DEFAULT-VALUE}).")
  int layers = DEFAULTS.layers();

  @Option(names = "--heads", description = "Attention heads; must divide --hidden (default: ${DEFAULT-VALUE}).")
  int heads = DEFAULTS.heads();

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch = DEFAULTS.batchSize();

  @Option(names = "--lr", description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate = DEFAULTS.learningRate();

  @Option(names = "--seed", description = "Seed for initialisation, dropout and batch order (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Option(names = "--max-vocab", description = "Largest WordPiece vocabulary (default: ${DEFAULT-VALUE}).")
  int maxVocabulary = DEFAULTS.vocabularySize();

  @Option(names = "--dropout", description = "Dropout rate (default: ${DEFAULT-VALUE}).")
  float dropout = DEFAULTS.dropout();

  @Option(names = "--char-buckets", description = "Hash buckets of the character-trigram features; 0 turns them off "
      + "(default: ${DEFAULT-VALUE}).")
  int charBuckets = DEFAULTS.charBuckets();

  @Option(names = "--label-smoothing", description = "Share of the target spread over all intents (default: ${DEFAULT-VALUE}).")
  float labelSmoothing = DEFAULTS.labelSmoothing();

  @Option(names = "--typo-rate", description = "Share of utterances given a typo each epoch (default: ${DEFAULT-VALUE}).")
  float typoRate = DEFAULTS.typoRate();

  @Option(names = "--word-dropout", description = "Share of utterances losing a word each epoch (default: ${DEFAULT-VALUE}).")
  float wordDropout = DEFAULTS.wordDropout();

  @Option(names = "--warmup", description = "Share of the steps spent warming the learning rate up (default: ${DEFAULT-VALUE}).")
  float warmup = DEFAULTS.warmupFraction();

  @Option(names = "--min-oos-recall", description = "With --val: the out-of-scope threshold is the lowest that "
      + "catches this share of the oos examples (default: ${DEFAULT-VALUE}).")
  double minOosRecall = 0.9;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<LabeledText> train;
    List<LabeledText> val;
    TrainingConfig config;
    NgramConfig ngram = null;
    try {
      if (!IntentClassifier.TRANSFORMER.equals(kind) && !IntentClassifier.NGRAM.equals(kind)) {
        throw new IllegalArgumentException("--kind must be " + IntentClassifier.TRANSFORMER + " or "
            + IntentClassifier.NGRAM + ", not " + kind);
      }
      config = config();
      if (IntentClassifier.NGRAM.equals(kind)) {
        ngram = ngramConfig();
      }
      train = new ArrayList<>();
      for (Path file : data) {
        train.addAll(IntentDataset.read(file));
      }
      val = validation == null ? null : IntentDataset.read(validation);
    } catch (DatasetException | IllegalArgumentException e) {
      err.println("nlu train: " + e.getMessage());
      return 2;
    }
    err.printf("nlu train: %d examples, %d intents, %s%n", train.size(), IntentModel.labelsOf(train).size(),
        ngram != null ? ngram : config);
    long started = System.nanoTime();
    EpochProgress progress = new EpochProgress(err, val, IntentModel.labelsOf(train), started);
    try (IntentClassifier model = ngram != null ? NgramIntentModel.train(train, ngram, progress)
        : IntentModel.train(train, config, progress)) {
      double seconds = (System.nanoTime() - started) / 1e9;
      model.save(out);
      Files.writeString(out.resolve(METRICS_FILE), metrics(model, train, val,
          ngram != null ? ngram.toJson().put("kind", kind) : json(config), seconds).encodePrettily());
      err.printf("nlu train: saved to %s (%.0f s)%n", out, seconds);
    }
    return 0;
  }

  private TrainingConfig config() {
    for (int value : new int[] {epochs, hidden, layers, heads, batch, maxVocabulary}) {
      if (value <= 0) {
        throw new IllegalArgumentException("--epochs, --hidden, --layers, --heads, --batch and --max-vocab must be positive");
      }
    }
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("--hidden " + hidden + " is not divisible by --heads " + heads);
    }
    for (float rate : new float[] {dropout, labelSmoothing, typoRate, wordDropout, warmup}) {
      if (rate < 0 || rate >= 1) {
        throw new IllegalArgumentException("--dropout, --label-smoothing, --typo-rate, --word-dropout and --warmup "
            + "must be in [0, 1)");
      }
    }
    if (charBuckets < 0 || charBuckets == 1) {
      throw new IllegalArgumentException("--char-buckets must be 0 (off) or at least 2");
    }
    return new TrainingConfig(maxVocabulary, hidden, layers, heads, 2 * hidden, DEFAULTS.maxLength(), dropout,
        epochs, batch, learningRate, seed, charBuckets, DEFAULTS.charNgrams(), labelSmoothing, typoRate, wordDropout,
        warmup);
  }

  /** The n-gram model's settings: its own defaults for the options shared with the transformer not given. */
  private NgramConfig ngramConfig() {
    var parsed = spec.commandLine().getParseResult();
    if (minCount <= 0) {
      throw new IllegalArgumentException("--min-count must be positive");
    }
    if (l2 < 0 || charWeight < 0) {
      throw new IllegalArgumentException("--l2 and --char-weight must not be negative");
    }
    return new NgramConfig(parsed.hasMatchedOption("--epochs") ? epochs : NGRAM_DEFAULTS.epochs(),
        parsed.hasMatchedOption("--lr") ? learningRate : NGRAM_DEFAULTS.learningRate(),
        parsed.hasMatchedOption("--label-smoothing") ? labelSmoothing : NGRAM_DEFAULTS.labelSmoothing(),
        l2, minCount, charWeight, charLength(0), charLength(1),
        parsed.hasMatchedOption("--typo-rate") ? typoRate : NGRAM_DEFAULTS.typoRate(),
        parsed.hasMatchedOption("--word-dropout") ? wordDropout : NGRAM_DEFAULTS.wordDropout(),
        parsed.hasMatchedOption("--seed") ? seed : NGRAM_DEFAULTS.seed(),
        parsed.hasMatchedOption("--hidden") ? hidden : NGRAM_DEFAULTS.hidden());
  }

  /** The MIN (0) or MAX (1) of {@code --char-lengths}. */
  private int charLength(int part) {
    String[] parts = charLengths.split("-");
    try {
      if (parts.length == 2) {
        return Integer.parseInt(parts[part].strip());
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("--char-lengths must be MIN-MAX, e.g. 2-5, not " + charLengths);
  }

  private JsonObject metrics(IntentClassifier model, List<LabeledText> train, List<LabeledText> val,
      JsonObject config, double seconds) {
    JsonObject metrics = new JsonObject()
        .put("trainingExamples", train.size())
        .put("intents", model.labels().size())
        .put("trainingSeconds", Math.round(seconds * 10) / 10.0)
        .put("trainingConfig", config)
        .put("minOosRecall", minOosRecall);
    if (val != null) {
      List<Prediction> predictions = ModelPredictions.of(model, val);
      Float threshold = IntentEvaluation.chooseOosThreshold(val, predictions, minOosRecall);
      metrics.put("oosThreshold", threshold)
          .put("validation", IntentEvaluation.evaluate(val, predictions, threshold).put("data", validation.toString()));
    }
    return metrics;
  }

  private static JsonObject json(TrainingConfig c) {
    return new JsonObject().put("vocabularySize", c.vocabularySize()).put("hiddenSize", c.hiddenSize())
        .put("layers", c.layers()).put("heads", c.heads()).put("feedForwardSize", c.feedForwardSize())
        .put("maxLength", c.maxLength()).put("dropout", c.dropout()).put("epochs", c.epochs())
        .put("batchSize", c.batchSize()).put("learningRate", c.learningRate()).put("seed", c.seed())
        .put("charBuckets", c.charBuckets()).put("charNgrams", c.charNgrams()).put("labelSmoothing", c.labelSmoothing())
        .put("typoRate", c.typoRate()).put("wordDropout", c.wordDropout()).put("warmupFraction", c.warmupFraction())
        .put("gradientClip", IntentModel.GRADIENT_CLIP);
  }

  /** A progress bar within the epoch, redrawn in place about fifty times an epoch, then one line per epoch on stderr: loss, validation accuracy when there is validation data, elapsed time. */
  private record EpochProgress(PrintWriter err, List<LabeledText> val, List<String> labels, long started)
      implements IntentModel.EpochListener {

    @Override
    public void epochEnded(int epoch, int epochs, double meanLoss, IntentModel.Probe probe) {
      String accuracy = "";
      if (val != null) {
        List<Prediction> predictions = ModelPredictions.of(probe, labels, val);
        accuracy = String.format("  val accuracy %.4f", IntentEvaluation.evaluate(val, predictions, null)
            .getDouble("accuracy"));
      }
      err.printf("\repoch %d/%d  loss %.4f%s  elapsed %.0f s%n", epoch, epochs, meanLoss, accuracy,
          (System.nanoTime() - started) / 1e9);
      err.flush();
    }

    @Override
    public void batchEnded(int epoch, int batch, int batches) {
      if (batch == batches || batch % Math.max(1, batches / 50) == 0) {
        int width = 30;
        int filled = (int) ((long) width * batch / batches);
        err.printf("\repoch %d [%s%s] %d/%d", epoch, "#".repeat(filled), ".".repeat(width - filled), batch, batches);
        err.flush();
      }
    }
  }
}
