package com.shopchat.nlu.serve;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.IntentScore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The transformer behind the NLU interface: utterances from many callers are micro-batched into one
 * forward pass on a worker thread that owns its own DJL {@code Predictor}. Entities are extracted meanwhile on
 * a Vert.x worker, off the batch thread, which is the scarce one.
 */
public final class TransformerIntentRecognizer implements IntentParser, AutoCloseable {

  private final Vertx vertx;
  private final IntentModel model;
  private final String modelVersion;
  private final EntityExtractor extractor;
  private final MicroBatcher<String, List<IntentScore>> batcher;

  private TransformerIntentRecognizer(Vertx vertx, IntentModel model, String modelVersion,
    MicroBatcher.Options options, EntityExtractor extractor) {
    this.vertx = vertx;
    this.model = model;
    this.modelVersion = modelVersion;
    this.extractor = extractor;
    this.batcher = MicroBatcher.create(vertx, options, () -> new PredictorBatch(model));
  }

  /**
   * Loads the model saved in {@code dir} and starts its batcher; blocking (file reads, native
   * loading), so call it from a worker. The recognizer owns the model and closes it.
   */
  public static TransformerIntentRecognizer load(Vertx vertx, Path dir, MicroBatcher.Options options,
    EntityExtractor extractor) throws IOException {
    String version = ModelVersion.of(dir);
    IntentModel model = IntentModel.load(dir);
    try {
      return new TransformerIntentRecognizer(vertx, model, version, options, extractor);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Batching for serving: a queue bounded at 64 batches and one worker. One, because DJL's
   * {@code IdEmbedding} (in {@code IntentEncoderBlock}) temporarily attaches the model's shared embedding
   * table to a per-call manager: two predictors of one model running at once free each other's arrays
   * ("Native resource has been released already"). PyTorch still spreads one forward pass over the cores.
   */
  public static MicroBatcher.Options options(int maxBatch, long maxWaitMillis) {
    return new MicroBatcher.Options(maxBatch, maxWaitMillis, maxBatch * 64, 1);
  }

  /** The model's answer; the locale is not needed, the model and the extractor read English and Chinese alike. */
  @Override
  public Future<Parse> parse(String text, String locale) {
    Future<List<Entity>> entities = IntentParser.extractEntities(vertx, extractor, text);
    return batcher.submit(text).compose(ranking -> entities.map(found -> new Parse(ranking.get(0),
      ranking.subList(0, Math.min(Parse.RANKING_SIZE, ranking.size())), modelVersion, found)));
  }

  /** Intent only: the dialogue does not use entities yet, so the chat path skips extracting them. */
  @Override
  public Future<Understanding> understand(String text, String locale) {
    return batcher.submit(text).map(ranking -> new Understanding(ranking.get(0).intent(), ranking.get(0).confidence()));
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

  public MicroBatcher.Stats stats() {
    return batcher.stats();
  }

  /** Fails queued requests, waits for running batches, then frees the model; blocking. */
  @Override
  public void close() {
    batcher.close();
    model.close();
  }

  /** One worker's predictor: batch inference, each probability vector ranked. */
  private static final class PredictorBatch implements MicroBatcher.Batch<String, List<IntentScore>> {

    private final IntentModel model;
    private Predictor<String, float[]> predictor;

    PredictorBatch(IntentModel model) {
      this.model = model;
    }

    @Override
    public List<List<IntentScore>> run(List<String> texts) throws Exception {
      if (predictor == null) {
        predictor = model.newPredictor();
      }
      return predictor.batchPredict(texts).stream().map(model::rank).toList();
    }

    @Override
    public void close() {
      if (predictor != null) {
        predictor.close();
      }
    }
  }
}
