package com.shopchat.learning;

import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.serve.IntentParser;
import com.shopchat.nlu.serve.Parse;
import com.shopchat.nlu.serve.TransformerIntentRecognizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent model the chat is served by, which an admin can swap for another (a promoted candidate, a rollback)
 * while shoppers chat. The swap is atomic: a request that started on the old model finishes on it, the next one
 * reads the new one, and none is dropped. The old model is closed (on a worker) once its last request is answered.
 */
public final class ServingModel implements IntentParser {

  private static final Logger LOG = LoggerFactory.getLogger(ServingModel.class);

  private final Vertx vertx;
  private final AtomicReference<Lease> current;

  /**
   * Serves {@code first}, loaded from {@code dir}. {@code keepFirstOpen}: the first model is never closed by a swap,
   * since others hold it too (the knowledge base's sentence vectors).
   */
  public ServingModel(Vertx vertx, TransformerIntentRecognizer first, Path dir, boolean keepFirstOpen) {
    this.vertx = vertx;
    this.current = new AtomicReference<>(new Lease(first, dir, keepFirstOpen));
  }

  @Override
  public Future<Parse> parse(String text, String locale) {
    return withModel(r -> r.parse(text, locale));
  }

  @Override
  public Future<Understanding> understand(String text, String locale) {
    return withModel(r -> r.understand(text, locale));
  }

  @Override
  public Future<Understanding> read(String text, String locale) {
    return withModel(r -> r.read(text, locale));
  }

  /** Runs one request on the model serving now, which stays open until the request is answered. */
  private <T> Future<T> withModel(Function<TransformerIntentRecognizer, Future<T>> request) {
    Lease lease = acquire();
    Future<T> answer;
    try {
      answer = request.apply(lease.recognizer);
    } catch (RuntimeException e) {
      release(lease);
      return Future.failedFuture(e);
    }
    return answer.andThen(done -> release(lease));
  }

  private Lease acquire() {
    while (true) {
      Lease lease = current.get();
      if (lease.retain()) {
        return lease;
      }
      // Swapped out and closing between the read and the retain: the next read finds its successor.
      Thread.onSpinWait();
    }
  }

  /**
   * Serves {@code next} (loaded from {@code dir}) from the next request on; the one it replaces answers what it
   * has started and is closed after.
   */
  public void swap(TransformerIntentRecognizer next, Path dir) {
    Lease old = current.getAndSet(new Lease(next, dir, false));
    LOG.info("NLU model {} serves now, replacing {}", next.modelVersion(), old.recognizer.modelVersion());
    release(old);
  }

  private void release(Lease lease) {
    if (lease.refs.decrementAndGet() == 0 && !lease.keepOpen) {
      vertx.executeBlocking(() -> {
        lease.recognizer.close();
        return null;
      }, false).onFailure(e -> LOG.warn("closing model {} failed: {}", lease.recognizer.modelVersion(), e.toString()));
    }
  }

  /** The version of the model serving now. */
  public String modelVersion() {
    return current.get().recognizer.modelVersion();
  }

  /** The directory the serving model was loaded from. */
  public Path directory() {
    return current.get().dir;
  }

  /** The serving model's intents. */
  public List<String> labels() {
    return current.get().recognizer.labels();
  }

  /** The serving model's out-of-scope threshold ({@code null}: none). */
  public Float oosThreshold() {
    return current.get().recognizer.oosThreshold();
  }

  /** Frees the serving model (at stop, after the chat drained); blocking. */
  public void close() {
    Lease lease = current.get();
    if (!lease.keepOpen) {
      lease.recognizer.close();
    }
  }

  /** A model and the requests running on it; the count holds one more while it serves. */
  private static final class Lease {

    final TransformerIntentRecognizer recognizer;
    final Path dir;
    final boolean keepOpen;
    final AtomicInteger refs = new AtomicInteger(1);

    Lease(TransformerIntentRecognizer recognizer, Path dir, boolean keepOpen) {
      this.recognizer = recognizer;
      this.dir = dir;
      this.keepOpen = keepOpen;
    }

    boolean retain() {
      while (true) {
        int n = refs.get();
        if (n == 0) {
          return false;
        }
        if (refs.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }
  }
}
