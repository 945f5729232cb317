package com.shopchat.recommend;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the recommender trained: at start, on a schedule and when an admin asks
 * ({@code POST /api/admin/recommendations/retrain}, which answers with the run's report once the new model
 * serves); {@code GET /api/admin/recommendations} says what the serving model was trained on.
 */
public final class RecommenderTraining {

  private static final Logger LOG = LoggerFactory.getLogger(RecommenderTraining.class);

  private final RecommenderService recommender;
  private final Supplier<Future<TrainingInput>> inputs;
  private final AtomicReference<TrainingReport> last = new AtomicReference<>();

  public RecommenderTraining(RecommenderService recommender, Supplier<Future<TrainingInput>> inputs) {
    this.recommender = recommender;
    this.inputs = inputs;
  }

  /** Trains now (or joins the run under way); the new model serves when the future completes. */
  public Future<TrainingReport> retrain() {
    return recommender.retrain(inputs).onSuccess(report -> {
      if (last.getAndSet(report) == report) {
        return; // a caller that joined the run: already said
      }
      LOG.info("recommender trained on {} products and {} events ({} used, {} shoppers) in {} s",
        report.products(), report.events(), report.usedEvents(), report.users(),
        String.format(Locale.ROOT, "%.2f", report.totalSeconds()));
    }).onFailure(e -> LOG.error("recommender training failed; the previous model keeps serving", e));
  }

  /** Retrains every {@code minutes} (a run still under way is joined, not doubled); returns the timer id. */
  public long schedule(Vertx vertx, int minutes) {
    return vertx.setPeriodic(Duration.ofMinutes(minutes).toMillis(), id -> retrain());
  }

  public void route(Router router, String base) {
    router.get(base).handler(this::status);
    router.post(base + "/retrain").handler(ctx -> retrain().onSuccess(report -> ctx.json(report.toJson()))
      .onFailure(ctx::fail));
  }

  private void status(RoutingContext ctx) {
    TrainingReport report = last.get();
    JsonObject body = new JsonObject().put("trained", recommender.model().isPresent());
    if (report != null) {
      body.put("lastTraining", report.toJson());
    }
    ctx.json(body);
  }
}
