package com.shopchat.nlu.serve;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import com.shopchat.nlu.SentenceVector;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.IntentReading;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.nlu.model.NgramMember;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer behind the NLU interface: utterances from many callers are micro-batched into one
 * forward pass on a worker thread that owns its own DJL {@code Predictor}; a model with an n-gram member
 * ({@link NgramMember}) has the member's probabilities averaged in on the same thread. Entities are extracted
 * meanwhile on a Vert.x worker, off the batch thread, which is the scarce one.
 *
 * <p>The pass also yields each utterance's sentence vector (see {@link IntentModel#newReadingPredictor()}), which
 * {@link #read} hands on in the {@link Understanding}, tagged with the text and this model's version: a knowledge
 * base whose vectors come from the same model searches with it instead of running the model again.
 */
public final class TransformerIntentRecognizer implements IntentParser, AutoCloseable {

  private static final String OOS = "oos";

  private final Vertx vertx;
  private final IntentModel model;
  private final String modelVersion;
  private final Float oosThreshold;
  private final EntityExtractor extractor;
  private final MicroBatcher<String, Reading> batcher;

  private TransformerIntentRecognizer(Vertx vertx, IntentModel model, String modelVersion, Float oosThreshold,
    MicroBatcher.Options options, EntityExtractor extractor, MicroBatcher.Observer observer) {
    this.vertx = vertx;
    this.model = model;
    this.modelVersion = modelVersion;
    this.oosThreshold = oosThreshold;
    this.extractor = extractor;
    this.batcher = MicroBatcher.create(vertx, options, () -> new PredictorBatch(model), observer);
  }

  /**
   * Loads the model saved in {@code dir} and starts its batcher; blocking (file reads, native
   * loading), so call it from a worker. The recognizer owns the model and closes it.
   */
  public static TransformerIntentRecognizer load(Vertx vertx, Path dir, MicroBatcher.Options options,
    EntityExtractor extractor) throws IOException {
    return load(vertx, dir, options, extractor, MicroBatcher.Observer.NONE);
  }

  /** As {@link #load(Vertx, Path, MicroBatcher.Options, EntityExtractor)}, telling {@code observer} of every batch. */
  public static TransformerIntentRecognizer load(Vertx vertx, Path dir, MicroBatcher.Options options,
    EntityExtractor extractor, MicroBatcher.Observer observer) throws IOException {
    return serve(vertx, LoadedModel.load(dir), options, extractor, observer);
  }

  /**
   * Serves a model loaded already (its batcher starts here); the recognizer owns the model from now on, and closes
   * it also when this fails.
   */
  public static TransformerIntentRecognizer serve(Vertx vertx, LoadedModel loaded, MicroBatcher.Options options,
    EntityExtractor extractor, MicroBatcher.Observer observer) {
    try {
      return new TransformerIntentRecognizer(vertx, loaded.model(), loaded.version(), loaded.oosThreshold(), options,
        extractor, observer);
    } catch (RuntimeException e) {
      loaded.model().close();
      throw e;
    }
  }

  /** As {@link #load(Vertx, Path, MicroBatcher.Options, EntityExtractor)}, with patterns and word lists but no catalog. */
  public static TransformerIntentRecognizer load(Vertx vertx, Path dir, MicroBatcher.Options options)
    throws IOException {
    return load(vertx, dir, options, EntityExtractor.create());
  }

  /**
   * Batching for serving: a queue bounded at 64 full batches and {@code workers} threads, each with its
   * own predictor of the one shared model.
   */
  public static MicroBatcher.Options options(int maxBatch, long maxWaitMillis, int workers) {
    return new MicroBatcher.Options(maxBatch, maxWaitMillis, maxBatch * 64, workers);
  }

  /**
   * The model's answer with the entities; the locale is not needed, the model and the extractor read English
   * and Chinese alike. When the top confidence is under the model's out-of-scope threshold the intent is
   * {@code oos} (with that confidence); the ranking still shows what the model leaned to.
   */
  @Override
  public Future<Parse> parse(String text, String locale) {
    Future<List<Entity>> entities = IntentParser.extractEntities(vertx, extractor, text);
    return batcher.submit(text).compose(reading -> entities.map(found -> parse(reading, found)));
  }

  /** As {@link #parse}, with the utterance's sentence vector from the same forward pass. */
  @Override
  public Future<Understanding> read(String text, String locale) {
    Future<List<Entity>> entities = IntentParser.extractEntities(vertx, extractor, text);
    return batcher.submit(text).compose(reading -> entities.map(found -> {
      Parse p = parse(reading, found);
      return new Understanding(p.intent().intent(), p.intent().confidence(), modelVersion, p.ranking(), found,
        new SentenceVector(text, modelVersion, reading.sentence()));
    }));
  }

  private Parse parse(Reading reading, List<Entity> found) {
    List<IntentScore> ranking = reading.ranking();
    return new Parse(decide(ranking.get(0)), ranking.subList(0, Math.min(Parse.RANKING_SIZE, ranking.size())),
      modelVersion, found);
  }

  /** Intent only, without the entity lookup (evaluation and callers that need no entities). */
  @Override
  public Future<Understanding> understand(String text, String locale) {
    return batcher.submit(text).map(reading -> {
      IntentScore top = decide(reading.ranking().get(0));
      return new Understanding(top.intent(), top.confidence(), modelVersion);
    });
  }

  private IntentScore decide(IntentScore top) {
    if (oosThreshold != null && top.confidence() < oosThreshold && !top.intent().equals(OOS)) {
      return new IntentScore(OOS, top.confidence());
    }
    return top;
  }


  /** Below this confidence an utterance is out of scope; null when the model has no threshold. */
  public Float oosThreshold() {
    return oosThreshold;
  }

  public String modelVersion() {
    return modelVersion;
  }

  /** The device DJL runs the model on, as it names it ({@code cpu()}, {@code gpu(0)}). */
  public String device() {
    return Engine.getEngine(IntentModel.ENGINE).defaultDevice().toString();
  }

  public List<String> labels() {
    return model.labels();
  }

  /**
   * The loaded model, still owned by this recognizer (closed with it), for readers that build their own
   * predictors such as the knowledge index's sentence vectors; never call its synchronized {@code predict} on a
   * serving path.
   */
  public IntentModel model() {
    return model;
  }

  public MicroBatcher.Stats stats() {
    return batcher.stats();
  }

  /** Fails queued requests, waits for running batches, then frees the model; blocking. */
  @Override
  public void close() {
    batcher.close();
    model.close();
  }

  /** What one forward pass says of an utterance: every intent, most likely first, and its sentence vector. */
  private record Reading(List<IntentScore> ranking, float[] sentence) {}

  /** One worker's predictor: batch inference, each probability vector ranked, each sentence vector kept. */
  private static final class PredictorBatch implements MicroBatcher.Batch<String, Reading> {

    private final IntentModel model;
    private Predictor<String, IntentReading> predictor;

    PredictorBatch(IntentModel model) {
      this.model = model;
    }

    @Override
    public List<Reading> run(List<String> texts) throws Exception {
      if (predictor == null) {
        predictor = model.newReadingPredictor();
      }
      List<IntentReading> readings = predictor.batchPredict(texts);
      // The n-gram member (when the model has one) is averaged in here, on the same batch thread.
      List<float[]> probabilities = NgramMember.averaged(readings.stream().map(IntentReading::probabilities).toList(),
        model.member(), texts);
      List<Reading> out = new ArrayList<>(readings.size());
      for (int i = 0; i < readings.size(); i++) {
        out.add(new Reading(model.rank(probabilities.get(i)), readings.get(i).sentence()));
      }
      return out;
    }

    @Override
    public void close() {
      if (predictor != null) {
        predictor.close();
      }
    }
  }
}
