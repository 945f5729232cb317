package com.shopchat.nlu.serve;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dynamic micro-batcher: callers submit one input each and get a future of their own output; a few
 * worker threads each collect waiting inputs (up to {@code maxBatch}, for at most {@code maxWaitMillis}
 * after the oldest arrived) and run them through their own {@link Batch} in one call.
 *
 * <p>Each worker owns one {@code Batch} for its whole life, so per-thread state such as a DJL
 * {@code Predictor} (not thread-safe) is never shared. {@link #submit} never blocks: it enqueues or
 * rejects, and the future completes on the caller's Vert.x context.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);

  /** Runs a whole batch; one instance per worker thread, closed when the batcher closes. */
  public interface Batch<I, O> extends AutoCloseable {

    /** Returns exactly one output per input, in input order. */
    List<O> run(List<I> inputs) throws Exception;

    @Override
    default void close() {
    }
  }

  /**
   * How batches form: {@code maxQueue} bounds the inputs waiting for a worker (more are rejected),
   * {@code workers} is the number of threads, each with its own {@link Batch}.
   */
  public record Options(int maxBatch, long maxWaitMillis, int maxQueue, int workers) {

    public Options {
      if (maxBatch < 1 || maxWaitMillis < 0 || maxQueue < 1 || workers < 1) {
        throw new IllegalArgumentException("invalid micro-batcher options: " + this);
      }
    }
  }

  /**
   * Told of every batch as it starts, on the worker's thread: its size, and how long each of its inputs waited in
   * the queue. Must be quick and must not throw (a meter registry's record calls are).
   */
  public interface Observer {
    Observer NONE = new Observer() {
      @Override
      public void batchRan(int size) {
      }

      @Override
      public void waited(long nanos) {
      }
    };

    void batchRan(int size);

    void waited(long nanos);
  }

  /** Counters for metrics: batches run, items run, the largest batch so far, submissions rejected. */
  public record Stats(long batches, long items, int maxBatchSeen, long rejected) {}

  private record Pending<I, O>(I input, Promise<O> promise, Context context, long enqueuedNanos) {}

  private final Options options;
  private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
  private final Pending<I, O> stop = new Pending<>(null, null, null, 0);
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong items = new AtomicLong();
  private final AtomicInteger maxBatchSeen = new AtomicInteger();
  private final AtomicLong rejected = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private final List<Batch<I, O>> perWorker = new ArrayList<>();
  private final Vertx vertx;
  private final Observer observer;
  private volatile boolean closed;

  private MicroBatcher(Vertx vertx, Options options, Observer observer) {
    this.vertx = vertx;
    this.options = options;
    this.observer = observer;
  }

  /**
   * Starts the worker threads. {@code batchFactory} is called once per worker, here on the calling
   * thread (so a failure to build one fails this call); each result is then used by one thread only.
   */
  public static <I, O> MicroBatcher<I, O> create(Vertx vertx, Options options, Supplier<Batch<I, O>> batchFactory) {
    return create(vertx, options, batchFactory, Observer.NONE);
  }

  /** As {@link #create(Vertx, Options, Supplier)}, telling {@code observer} of every batch. */
  public static <I, O> MicroBatcher<I, O> create(Vertx vertx, Options options, Supplier<Batch<I, O>> batchFactory,
                                                 Observer observer) {
    MicroBatcher<I, O> batcher = new MicroBatcher<>(vertx, options, Objects.requireNonNull(observer));
    try {
      for (int i = 0; i < options.workers(); i++) {
        batcher.perWorker.add(Objects.requireNonNull(batchFactory.get(), "batch factory returned null"));
      }
    } catch (RuntimeException e) {
      batcher.perWorker.forEach(MicroBatcher::closeQuietly);
      throw e;
    }
    for (int i = 0; i < options.workers(); i++) {
      Batch<I, O> batch = batcher.perWorker.get(i);
      Thread thread = new Thread(() -> batcher.work(batch), "nlu-batcher-" + i);
      thread.setDaemon(true);
      batcher.workers.add(thread);
      thread.start();
    }
    return batcher;
  }

  /** Queues one input; the future fails at once when the batcher is closed or its queue is full. */
  public Future<O> submit(I input) {
    if (closed) {
      return Future.failedFuture(new RejectedExecutionException("the batcher is closed"));
    }
    if (queued.incrementAndGet() > options.maxQueue()) {
      queued.decrementAndGet();
      rejected.incrementAndGet();
      return Future.failedFuture(new RejectedExecutionException(
        "overloaded: " + options.maxQueue() + " requests are already waiting"));
    }
    Promise<O> promise = Promise.promise();
    Pending<I, O> pending = new Pending<>(input, promise, vertx.getOrCreateContext(), System.nanoTime());
    queue.add(pending);
    // close() may have drained the queue between the check above and the add: take it back and fail it
    // (when remove() loses, a worker or the drain already owns it and will complete it).
    if (closed && queue.remove(pending)) {
      queued.decrementAndGet();
      return Future.failedFuture(new RejectedExecutionException("the batcher is closed"));
    }
    return promise.future();
  }

  public Stats stats() {
    return new Stats(batches.get(), items.get(), maxBatchSeen.get(), rejected.get());
  }

  private void work(Batch<I, O> batch) {
    List<Pending<I, O>> taken = new ArrayList<>(options.maxBatch());
    boolean running = true;
    while (running) {
      try {
        Pending<I, O> first = queue.take();
        if (first == stop) {
          return;
        }
        taken.add(first);
        running = gather(first, taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      queued.addAndGet(-taken.size());
      run(batch, taken);
      taken.clear();
    }
  }

  /** Adds waiting inputs until the batch is full or the oldest has waited long enough; false on stop. */
  private boolean gather(Pending<I, O> first, List<Pending<I, O>> taken) throws InterruptedException {
    long deadline = first.enqueuedNanos() + TimeUnit.MILLISECONDS.toNanos(options.maxWaitMillis());
    while (taken.size() < options.maxBatch()) {
      long left = deadline - System.nanoTime();
      Pending<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        return true;
      }
      if (next == stop) {
        return false;
      }
      taken.add(next);
    }
    return true;
  }

  private void run(Batch<I, O> batch, List<Pending<I, O>> taken) {
    if (taken.isEmpty()) {
      return;
    }
    batches.incrementAndGet();
    items.addAndGet(taken.size());
    maxBatchSeen.accumulateAndGet(taken.size(), Math::max);
    long now = System.nanoTime();
    observer.batchRan(taken.size());
    taken.forEach(p -> observer.waited(now - p.enqueuedNanos()));
    List<O> outputs;
    try {
      outputs = batch.run(taken.stream().map(Pending::input).toList());
      if (outputs == null || outputs.size() != taken.size()) {
        throw new IllegalStateException("a batch of " + taken.size() + " inputs returned "
          + (outputs == null ? "null" : outputs.size() + " outputs"));
      }
    } catch (Exception e) {
      LOG.warn("a batch of {} failed", taken.size(), e);
      taken.forEach(p -> fail(p, e));
      return;
    }
    for (int i = 0; i < taken.size(); i++) {
      Pending<I, O> p = taken.get(i);
      O output = outputs.get(i);
      p.context().runOnContext(v -> p.promise().complete(output));
    }
  }

  private static <I, O> void fail(Pending<I, O> p, Throwable cause) {
    p.context().runOnContext(v -> p.promise().fail(cause));
  }

  /**
   * Fails every input still waiting for a worker, lets the batches already running finish, stops the
   * workers and closes their {@link Batch}es. Blocks until then, so call it off the event loop.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Pending<I, O>> waiting = new ArrayList<>();
    queue.drainTo(waiting);
    queued.addAndGet(-waiting.size());
    RejectedExecutionException shutdown = new RejectedExecutionException("the batcher is closed");
    waiting.stream().filter(p -> p != stop).forEach(p -> fail(p, shutdown));
    workers.forEach(t -> queue.add(stop));
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    perWorker.forEach(MicroBatcher::closeQuietly);
  }

  private static void closeQuietly(Batch<?, ?> batch) {
    try {
      batch.close();
    } catch (Exception e) {
      LOG.warn("closing a batch failed", e);
    }
  }
}
