package com.shopchat.learning;

import com.shopchat.config.LearningSettings;
import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentEvaluation;
import com.shopchat.nlu.eval.Prediction;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.NgramMember;
import com.shopchat.nlu.model.TrainingConfig;
import com.shopchat.nlu.serve.ModelVersion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trains one candidate model, blocking: the serving model's weights (same tokenizer and labels) fine-tuned on the
 * reviewed examples mixed with a sample of the serving model's own corpus ({@value #TRAIN_FILE}), with the serving
 * model's n-gram member ({@link NgramMember}) carried over unchanged when it has one, then evaluated,
 * with the serving model, on the same fixed held-out set: the serving model's {@value #HELDOUT_FILE} plus the
 * reviewed examples set aside for evaluation (every fifth, by a hash of the text, so the split never moves).
 */
final class CandidateTrainer {

  /** The corpus a model was trained on (or a sample of it), shipped next to its weights. */
  static final String TRAIN_FILE = "train.jsonl";
  /** The fixed held-out set, shipped next to the weights and copied into every model trained from it. */
  static final String HELDOUT_FILE = "heldout.jsonl";
  /** The metrics a candidate must not be worse on to be promoted by itself. */
  static final List<String> TRACKED = List.of("accuracy", "inScopeAccuracy", "oosRecall", "macroF1");
  /** Reviewed examples count this many times in training: they are few and they are what the model got wrong. */
  private static final int REVIEWED_WEIGHT = 3;
  private static final long SAMPLE_SEED = 42;

  /** The stored candidate: its version (hash), directory, figures, examples trained on, and the verdict. */
  record Candidate(String version, Path dir, JsonObject metrics, int examples, boolean notWorse) {}

  private final LearningSettings settings;
  private final List<String> labels;
  private final Consumer<JsonObject> progress;

  CandidateTrainer(LearningSettings settings, List<String> labels, Consumer<JsonObject> progress) {
    this.settings = settings;
    this.labels = labels;
    this.progress = progress;
  }

  /** True when the text belongs to the held-out part of the reviewed examples; stable across runs and JVMs. */
  static boolean heldOut(String text) {
    int h = 0;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return Math.floorMod(h, 5) == 0;
  }

  Candidate train(Path parentDir, Float oosThreshold, List<LabeledText> reviewed, Path modelsDir) throws Exception {
    List<LabeledText> heldout = new ArrayList<>(read(parentDir.resolve(HELDOUT_FILE)));
    List<LabeledText> train = sample(read(parentDir.resolve(TRAIN_FILE)));
    int reviewedTrain = 0;
    for (LabeledText example : reviewed) {
      if (heldOut(example.text())) {
        heldout.add(example);
      } else if (labels.contains(example.intent())) {
        reviewedTrain++;
        for (int i = 0; i < REVIEWED_WEIGHT; i++) {
          train.add(example);
        }
      }
    }
    heldout.removeIf(e -> !labels.contains(e.intent()) && !e.intent().equals(IntentEvaluation.OOS));
    if (train.isEmpty()) {
      throw new IllegalStateException("nothing to train on: no reviewed examples and no " + TRAIN_FILE
        + " with the serving model");
    }
    if (heldout.isEmpty()) {
      throw new IllegalStateException("nothing to evaluate on: no " + HELDOUT_FILE
        + " with the serving model and no reviewed example held out yet");
    }
    TrainingConfig cfg = fineTuning(parentDir);
    long started = System.nanoTime();
    Path tmp = modelsDir.resolve(".training-" + UUID.randomUUID());
    try (IntentModel tuned = IntentModel.fineTune(parentDir, train, cfg, new IntentModel.EpochListener() {
      @Override
      public void epochEnded(int epoch, int epochs, double meanLoss, IntentModel.Probe probe) {
        progress.accept(new JsonObject().put("epoch", epoch).put("epochs", epochs)
          .put("loss", Math.round(meanLoss * 10_000) / 10_000.0));
      }

      @Override
      public void batchEnded(int epoch, int batch, int batches) {
        progress.accept(new JsonObject().put("epoch", epoch).put("epochs", cfg.epochs()).put("batch", batch)
          .put("batches", batches));
      }
    })) {
      tuned.save(tmp);
    }
    progress.accept(new JsonObject().put("state", "evaluating"));
    for (String file : List.of(HELDOUT_FILE, TRAIN_FILE)) {
      if (Files.isRegularFile(parentDir.resolve(file))) {
        Files.copy(parentDir.resolve(file), tmp.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // The serving model's n-gram member goes with the candidate unchanged: a retrain fine-tunes the transformer,
    // and both are scored as they would serve, with the member averaged in.
    if (NgramMember.present(parentDir)) {
      Path member = Files.createDirectories(tmp.resolve(NgramMember.DIR));
      try (var files = Files.list(parentDir.resolve(NgramMember.DIR))) {
        for (Path file : files.toList()) {
          Files.copy(file, member.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    JsonObject candidateFigures = evaluate(tmp, heldout, oosThreshold);
    JsonObject servingFigures = evaluate(parentDir, heldout, oosThreshold);
    boolean notWorse = notWorse(candidateFigures, servingFigures);
    JsonObject metrics = new JsonObject().put("candidate", candidateFigures).put("serving", servingFigures)
      .put("notWorse", notWorse).put("heldoutExamples", heldout.size()).put("trainingExamples", train.size())
      .put("reviewedExamples", reviewedTrain).put("epochs", cfg.epochs()).put("learningRate", cfg.learningRate())
      .put("trainingSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    Files.writeString(tmp.resolve(IntentModel.METRICS_FILE),
      new JsonObject().put("oosThreshold", oosThreshold).put("learning", metrics).encodePrettily());
    String version = ModelVersion.of(tmp);
    Path dir = modelsDir.resolve(version);
    if (Files.isDirectory(dir)) {
      deleteTree(tmp);
    } else {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }
    return new Candidate(version, dir.toAbsolutePath(), metrics, train.size(), notWorse);
  }

  /** The serving model's training settings (from its metrics.json when it has them), for a short fine-tune. */
  private TrainingConfig fineTuning(Path parentDir) throws IOException {
    TrainingConfig base = TrainingConfig.defaults();
    Path metrics = parentDir.resolve(IntentModel.METRICS_FILE);
    if (Files.isRegularFile(metrics)) {
      JsonObject saved = new JsonObject(Files.readString(metrics)).getJsonObject("trainingConfig");
      if (saved != null) {
        TrainingConfig d = base;
        base = new TrainingConfig(saved.getInteger("vocabularySize", d.vocabularySize()),
          saved.getInteger("hiddenSize", d.hiddenSize()), saved.getInteger("layers", d.layers()),
          saved.getInteger("heads", d.heads()), saved.getInteger("feedForwardSize", d.feedForwardSize()),
          saved.getInteger("maxLength", d.maxLength()), saved.getFloat("dropout", d.dropout()), d.epochs(),
          saved.getInteger("batchSize", d.batchSize()), saved.getFloat("learningRate", d.learningRate()),
          saved.getLong("seed", d.seed()), saved.getInteger("charBuckets", d.charBuckets()),
          saved.getInteger("charNgrams", d.charNgrams()), saved.getFloat("labelSmoothing", d.labelSmoothing()),
          saved.getFloat("typoRate", d.typoRate()), saved.getFloat("wordDropout", d.wordDropout()),
          saved.getFloat("warmupFraction", d.warmupFraction()));
      }
    }
    // Half the learning rate: the weights are trained already, the reviewed examples should nudge, not rewrite.
    return new TrainingConfig(base.vocabularySize(), base.hiddenSize(), base.layers(), base.heads(),
      base.feedForwardSize(), base.maxLength(), base.dropout(), settings.retrainEpochs(), base.batchSize(),
      base.learningRate() / 2, base.seed(), base.charBuckets(), base.charNgrams(), base.labelSmoothing(),
      base.typoRate(), base.wordDropout(), base.warmupFraction());
  }

  /** A fixed sample of the corpus (the same one every run), examples of intents the model lacks left out. */
  private List<LabeledText> sample(List<LabeledText> corpus) {
    List<LabeledText> known = new ArrayList<>(corpus.stream().filter(e -> labels.contains(e.intent())).toList());
    Collections.shuffle(known, new Random(SAMPLE_SEED));
    return new ArrayList<>(known.subList(0, Math.min(known.size(), settings.retrainSample())));
  }

  private static List<LabeledText> read(Path file) throws IntentDataset.DatasetException {
    return Files.isRegularFile(file) ? IntentDataset.read(file) : List.of();
  }

  /** The model in {@code dir} scored on the held-out examples: accuracy, in-scope accuracy, OOS recall, macro-F1. */
  static JsonObject evaluate(Path dir, List<LabeledText> heldout, Float oosThreshold) throws IOException {
    try (IntentModel model = IntentModel.load(dir)) {
      List<float[]> rows = model.predictProbabilities(heldout.stream().map(LabeledText::text).toList());
      List<Prediction> predictions = new ArrayList<>(rows.size());
      for (float[] row : rows) {
        IntentScore top = model.rank(row).get(0);
        predictions.add(new Prediction(top.intent(), top.confidence()));
      }
      JsonObject all = IntentEvaluation.evaluate(heldout, predictions, oosThreshold);
      JsonObject tracked = new JsonObject();
      TRACKED.forEach(name -> tracked.put(name, all.getValue(name)));
      return tracked.put("count", all.getValue("count"));
    }
  }

  /** Not worse on any tracked metric (a metric the held-out set cannot measure, such as OOS recall, is skipped). */
  static boolean notWorse(JsonObject candidate, JsonObject serving) {
    for (String name : TRACKED) {
      Double c = candidate.getDouble(name);
      Double s = serving.getDouble(name);
      if (c != null && s != null && c < s) {
        return false;
      }
    }
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
