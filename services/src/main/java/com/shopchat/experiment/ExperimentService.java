package com.shopchat.experiment;

import com.shopchat.recommend.Impression;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recommendation experiments for the chat and the admin API. {@link #assign} answers from memory (the running
 * experiment and the rolled-out default are cached, and reloaded after every start and stop made here), so a
 * chat turn costs no query; {@link #recordImpression} stores what was shown, under which variant, for
 * attribution. Another server instance sees a start or stop on its next {@link #refresh()}: when signalled
 * ({@link #onChanged}) and on a timer.
 */
public final class ExperimentService {

  /** What assignment works from: the running experiment (or null) and the rolled-out default. */
  private record Live(Experiment running, ExperimentRepository.Settings settings) {
  }

  /** An experiment with its live results. */
  public record Report(Experiment experiment, ExperimentResults results) {
  }

  private static final int LIST_LIMIT = 200;

  private final ExperimentRepository store;
  private final AtomicLong refreshes = new AtomicLong();
  private volatile Live live;
  private volatile long appliedRefresh = -1;
  private volatile Runnable changed = () -> { };

  private ExperimentService(ExperimentRepository store) {
    this.store = store;
  }

  /** The service over this repository, once the running experiment and the settings are loaded. */
  public static Future<ExperimentService> create(ExperimentRepository store) {
    ExperimentService service = new ExperimentService(store);
    return service.refresh().map(v -> service);
  }

  /**
   * The visitor's variant of the running experiment, by the stable hash of {@link Bucketing}, or the rolled-out
   * default when none runs. Answered from memory.
   */
  public Future<Assignment> assign(String visitorId) {
    if (visitorId == null || visitorId.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("a visitor id is needed to assign a variant"));
    }
    Live now = live;
    if (now.running() == null) {
      return Future.succeededFuture(Assignment.rolledOut(now.settings().strategy(), now.settings().cardsEnabled()));
    }
    Variant variant = Bucketing.assign(now.running(), visitorId);
    return Future.succeededFuture(new Assignment(now.running().id(), variant.name(), variant.strategy(),
      variant.cardsEnabled()));
  }

  /** Stores an impression for attribution; recording the same impression id again changes nothing. */
  public Future<Void> recordImpression(Impression impression) {
    return store.recordImpression(impression);
  }

  /** Reloads the running experiment and the default settings (after a change made by another instance). */
  public Future<Void> refresh() {
    long ticket = refreshes.incrementAndGet();
    Future<Experiment> running = store.running();
    Future<ExperimentRepository.Settings> settings = store.settings();
    return Future.all(running, settings).map(all -> {
      // Two refreshes may finish out of order: only a newer one replaces what assignment uses.
      synchronized (this) {
        if (ticket > appliedRefresh) {
          appliedRefresh = ticket;
          live = new Live(running.result(), settings.result());
        }
      }
      return null;
    });
  }

  /** Stores a new draft experiment. */
  public Future<Experiment> create(ExperimentFields.Definition definition) {
    return store.create("exp-" + UUID.randomUUID().toString().substring(0, 8), definition);
  }

  /** The newest experiments first. */
  public Future<List<Experiment>> list() {
    return store.list(LIST_LIMIT);
  }

  /** What is rolled out now to visitors outside an experiment. */
  public Future<ExperimentRepository.Settings> settings() {
    return store.settings();
  }

  /** The experiment with its attributed results; fails {@code NOT_FOUND}. */
  public Future<Report> report(String id) {
    return existing(id).compose(e -> store.attribution(e.id(), e.windowHours())
      .map(counts -> new Report(e, ExperimentResults.of(e, counts))));
  }

  /** Starts a draft; fails {@code NOT_FOUND}, or {@code CONFLICT} when it is not a draft or another one runs. */
  public Future<Experiment> start(String id) {
    return existing(id).compose(e -> {
      if (!Experiment.DRAFT.equals(e.status())) {
        return Future.failedFuture(conflict("not_draft", "only a draft can start; " + id + " is " + e.status()));
      }
      return store.start(id).recover(failure -> Future.failedFuture(
        failure instanceof ExperimentRepository.AnotherRunningException
          ? conflict("another_running", "another experiment is running; stop it first") : failure));
    }).compose(started -> started ? changed(id)
      : Future.failedFuture(conflict("not_draft", id + " is no longer a draft")));
  }

  /**
   * Stops a running experiment; with a {@code winner} (a variant name) that variant's strategy and cards become
   * everyone's default. Fails {@code NOT_FOUND}, {@code INVALID} for a winner the experiment lacks, or
   * {@code CONFLICT} when it is not running.
   */
  public Future<Experiment> stop(String id, String winner) {
    return existing(id).compose(e -> {
      if (!e.running()) {
        return Future.failedFuture(conflict("not_running", "only a running experiment can stop; " + id + " is "
          + e.status()));
      }
      if (winner != null && e.variant(winner).isEmpty()) {
        return Future.failedFuture(new ExperimentException(ExperimentException.Kind.INVALID, "unknown_variant",
          id + " has no variant " + winner));
      }
      return store.stop(id, winner);
    }).compose(stopped -> stopped ? changed(id)
      : Future.failedFuture(conflict("not_running", id + " is no longer running")));
  }

  /**
   * Runs after each start or stop made here, once this instance's assignment follows it: other nodes are signalled
   * to {@link #refresh()} (they also refresh on a timer, in case a signal is lost).
   */
  public void onChanged(Runnable listener) {
    this.changed = listener;
  }

  /** After a start or stop: assignment must follow at once, so the cache reloads before the answer. */
  private Future<Experiment> changed(String id) {
    return refresh().onSuccess(v -> changed.run()).compose(v -> store.find(id));
  }

  private Future<Experiment> existing(String id) {
    return store.find(id).compose(e -> e != null ? Future.succeededFuture(e) : Future.failedFuture(
      new ExperimentException(ExperimentException.Kind.NOT_FOUND, "not_found", "no experiment " + id)));
  }

  private static ExperimentException conflict(String code, String message) {
    return new ExperimentException(ExperimentException.Kind.CONFLICT, code, message);
  }
}
