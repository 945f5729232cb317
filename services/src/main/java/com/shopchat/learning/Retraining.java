package com.shopchat.learning;

import com.shopchat.config.LearningSettings;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.serve.MicroBatcher;
import com.shopchat.nlu.serve.ShippedModel;
import com.shopchat.nlu.serve.TransformerIntentRecognizer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains the intent model from what admins reviewed, in the background, and swaps models: a retrain fine-tunes
 * the serving model (see {@link CandidateTrainer}) on one low-priority worker thread, one retrain at a time, and
 * stores the candidate with its figures next to the serving model's on the same held-out set; promoting a stored
 * version (a candidate, or an older one: a rollback) loads it on a worker and swaps it into {@link ServingModel}.
 */
public final class Retraining {

  private static final Logger LOG = LoggerFactory.getLogger(Retraining.class);

  /** Why a retrain, promotion or rollback was refused; {@code status} is the HTTP status it answers. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;

    Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  private final Vertx vertx;
  private final LearningRepository repository;
  private final ServingModel serving;
  private final LearningSettings settings;
  private final MicroBatcher.Options batching;
  private final EntityExtractor extractor;
  private final MicroBatcher.Observer observer;
  private final WorkerExecutor trainer;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean promoting = new AtomicBoolean();
  private volatile JsonObject progress = new JsonObject().put("state", "idle");
  private volatile Future<LearningRepository.ModelRecord> lastRun = Future.succeededFuture();
  private long trainedOnReviewed = -1;
  private Handler<String> promoted = version -> { };

  public Retraining(Vertx vertx, LearningRepository repository, ServingModel serving, LearningSettings settings,
                    MicroBatcher.Options batching, EntityExtractor extractor, MicroBatcher.Observer observer) {
    this.vertx = vertx;
    this.repository = repository;
    this.serving = serving;
    this.settings = settings;
    this.batching = batching;
    this.extractor = extractor;
    this.observer = observer;
    // One thread: one retrain at a time, and never more than one core taken from the chat.
    this.trainer = vertx.createSharedWorkerExecutor("nlu-retrain", 1, 2, TimeUnit.HOURS);
  }

  /** Records the model serving at start (named as configured: {@code shipped} or its directory). */
  public Future<Void> adopt(String setting) {
    return repository.adopt(serving.modelVersion(), setting);
  }

  /** The retrain's progress: state, epoch, epochs, loss, batch, batches, candidate, error, times. */
  public JsonObject status() {
    return progress.copy().put("serving", serving.modelVersion());
  }

  /** The running (or last) retrain, completing with the stored candidate; for tests and the schedule. */
  public Future<LearningRepository.ModelRecord> lastRun() {
    return lastRun;
  }

  /** Starts a retrain in the background; refused while one runs. Completes once it has started. */
  public Future<JsonObject> start() {
    if (!running.compareAndSet(false, true)) {
      return Future.failedFuture(new Refused(409, "retrain_running", "a retrain is running; wait for it to finish"));
    }
    progress = new JsonObject().put("state", "training").put("startedAt", Instant.now().toString());
    Path parentDir = serving.directory();
    String parent = serving.modelVersion();
    Float threshold = serving.oosThreshold();
    Future<LearningRepository.ModelRecord> run = repository.reviewedExamples()
      .compose(reviewed -> trainer.executeBlocking(() -> lowPriority(() ->
        new CandidateTrainer(settings, serving.labels(), p -> progress = progress.copy().mergeIn(p))
          .train(parentDir, threshold, reviewed, Path.of(settings.modelsDir()))), false)
        .map(candidate -> {
          trainedOnReviewed = reviewed.size();
          return candidate;
        }))
      .compose(candidate -> repository.addModel(candidate.version(), parent, candidate.dir().toString(),
        "candidate", candidate.metrics(), candidate.examples()).compose(stored -> {
          progress = progress.copy().put("state", "done").put("candidate", stored.version())
            .put("notWorse", candidate.notWorse()).put("finishedAt", Instant.now().toString());
          LOG.info("NLU retrain: candidate {} from {} ({} examples), not worse: {}", stored.version(), parent,
            candidate.examples(), candidate.notWorse());
          return settings.autoPromote() && candidate.notWorse() && !stored.status().equals("serving")
            ? promote(stored.version()) : Future.succeededFuture(stored);
        }))
      .onFailure(e -> {
        LOG.warn("NLU retrain failed: {}", e.toString());
        progress = progress.copy().put("state", "failed").put("error", String.valueOf(e.getMessage()))
          .put("finishedAt", Instant.now().toString());
      })
      .onComplete(done -> running.set(false));
    lastRun = run;
    return Future.succeededFuture(status());
  }

  private static <T> T lowPriority(java.util.concurrent.Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    int before = thread.getPriority();
    thread.setPriority(Thread.MIN_PRIORITY);
    try {
      return work.call();
    } finally {
      thread.setPriority(before);
    }
  }

  /**
   * Serves the stored version from the next turn on: loaded on a worker first, then recorded as serving, then
   * swapped in (requests running on the old model finish on it).
   */
  public Future<LearningRepository.ModelRecord> promote(String version) {
    return repository.model(version).compose(model -> {
      if (model == null) {
        return Future.failedFuture(new Refused(404, "not_found", "no model version " + version));
      }
      if (model.status().equals("serving")) {
        return Future.failedFuture(new Refused(409, "already_serving", "model " + version + " serves already"));
      }
      if (!promoting.compareAndSet(false, true)) {
        return Future.failedFuture(new Refused(409, "promotion_running", "another model is being promoted"));
      }
      Path[] dir = new Path[1];
      return load(version, model.dir(), dir).compose(loaded -> repository.serve(version).compose(stored -> {
        if (stored == null) {
          vertx.executeBlocking(() -> {
            loaded.close();
            return null;
          }, false);
          return Future.failedFuture(new Refused(409, "not_promotable", "model " + version + " cannot be promoted"));
        }
        serving.swap(loaded, dir[0]);
        promoted.handle(version);
        return Future.succeededFuture(stored);
      })).onComplete(done -> promoting.set(false));
    });
  }

  /* Loads a stored model's files on a worker (blocking the first time for the shipped model: copied out of the jar). */
  private Future<TransformerIntentRecognizer> load(String version, String storedDir, Path[] dir) {
    return vertx.executeBlocking(() -> {
      dir[0] = ShippedModel.resolve(storedDir);
      if (!Files.isDirectory(dir[0])) {
        throw new Refused(409, "model_missing", "the files of model " + version + " are gone");
      }
      return TransformerIntentRecognizer.load(vertx, dir[0], batching, extractor, observer);
    }, false);
  }

  /** Hears the version of each model this node promotes (or rolls back to): e.g. to signal the other nodes. */
  public void onPromoted(Handler<String> handler) {
    this.promoted = Objects.requireNonNull(handler, "handler must not be null");
  }

  /**
   * Another node made {@code version} the serving model (PostgreSQL already says so): load it here too, from its
   * recorded directory, which nodes must share (NLU_MODELS_DIR on a shared volume; docs/deploy.md), and swap it in.
   * A version already serving here is left alone; one whose files this node cannot see fails and keeps the old model.
   */
  public Future<Void> follow(String version) {
    if (version == null || version.equals(serving.modelVersion())) {
      return Future.succeededFuture();
    }
    return repository.model(version).compose(model -> {
      if (model == null) {
        return Future.failedFuture(new Refused(404, "not_found", "no model version " + version));
      }
      Path[] dir = new Path[1];
      return load(version, model.dir(), dir).map(loaded -> {
        serving.swap(loaded, dir[0]);
        LOG.info("NLU model {} serves here too, promoted on another node", version);
        return (Void) null;
      });
    }).onFailure(e -> LOG.warn("following the NLU model {} promoted on another node failed: {}", version,
      e.toString()));
  }

  /** Serves again the model promoted before the serving one. */
  public Future<LearningRepository.ModelRecord> rollback() {
    return repository.previous().compose(previous -> previous == null
      ? Future.failedFuture(new Refused(409, "nothing_to_roll_back", "no model served before this one"))
      : promote(previous.version()));
  }

  /** Starts a retrain every {@code retrainMinutes} when admins reviewed new examples since the last; -1: off. */
  public long schedule() {
    if (settings.retrainMinutes() <= 0) {
      return -1;
    }
    return vertx.setPeriodic(TimeUnit.MINUTES.toMillis(settings.retrainMinutes()), id -> {
      if (running.get()) {
        return;
      }
      repository.count("reviewed").onSuccess(reviewed -> {
        if (reviewed > 0 && reviewed != trainedOnReviewed) {
          start();
        }
      });
    });
  }

  /** Stops taking retrains; one running is abandoned with the executor. */
  public void close() {
    trainer.close();
  }
}
