package com.shopchat.recommend;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Serves recommendations from the current {@link RecommenderModel} and retrains it. Ranking runs on the worker
 * pool ({@code executeBlocking}, unordered, so requests run in parallel), training on a dedicated one-thread
 * executor so that it never takes the workers the requests need. A finished model replaces the old one in one
 * atomic swap: a request sees either the old model or the new, never a mix, and requests during training use the
 * old one. Retrains never overlap: asking while one runs returns that run's future.
 *
 * <p>Until the first training finishes there is no model and {@link #recommend} answers an empty list: the chat
 * then shows no product cards rather than unranked ones (an in-stock-and-matching fallback would need the catalog
 * loaded here, which is exactly what the first training does).
 */
public final class RecommenderService implements AutoCloseable {

  private final Vertx vertx;
  private final RecommenderTrainer trainer;
  private final Clock clock;
  private final WorkerExecutor trainingExecutor;
  private final AtomicReference<RecommenderModel> current = new AtomicReference<>();
  private final AtomicReference<Future<TrainingReport>> running = new AtomicReference<>();

  public RecommenderService(Vertx vertx, RecommenderTrainer trainer, Clock clock) {
    this.vertx = vertx;
    this.trainer = trainer;
    this.clock = clock;
    this.trainingExecutor = vertx.createSharedWorkerExecutor("recommender-training", 1, 2, TimeUnit.HOURS);
  }

  /** The model now serving, if one has been trained. */
  public Optional<RecommenderModel> model() {
    return Optional.ofNullable(current.get());
  }

  /** The top {@code k} products for a shopper in a context (see {@link RecommenderModel#recommend}). */
  public Future<List<Recommendation>> recommend(ShopperProfile profile, RecommendationContext ctx,
      Strategy strategy, int k) {
    RecommenderModel model = current.get();
    if (model == null) {
      return Future.succeededFuture(List.of());
    }
    return vertx.executeBlocking(() -> model.recommend(profile, ctx, strategy, k), false);
  }

  /** Trains on these lists and swaps the model in. */
  public Future<TrainingReport> retrain(TrainingInput input) {
    return retrain(() -> Future.succeededFuture(input));
  }

  /**
   * Loads the inputs (asynchronously, e.g. from the database, on the caller's context), trains on the training
   * executor and swaps the model in. While a retrain runs, a second call returns the running one's future.
   */
  public Future<TrainingReport> retrain(Supplier<Future<TrainingInput>> inputs) {
    Promise<TrainingReport> promise = Promise.promise();
    Future<TrainingReport> mine = promise.future();
    Future<TrainingReport> other = running.compareAndExchange(null, mine);
    if (other != null) {
      return other;
    }
    Future<TrainingReport> run;
    try {
      run = inputs.get().compose(input -> trainingExecutor.executeBlocking(() -> {
        RecommenderTrainer.Trained trained = trainer.train(input.products(), input.events(), clock.instant());
        current.set(trained.model());
        return trained.report();
      }, false));
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.onComplete(ar -> {
      running.set(null);
      promise.handle(ar);
    });
    return mine;
  }

  @Override
  public void close() {
    trainingExecutor.close();
  }
}
