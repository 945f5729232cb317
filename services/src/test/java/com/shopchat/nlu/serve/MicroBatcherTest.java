package com.shopchat.nlu.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The micro-batcher")
class MicroBatcherTest {

  private Vertx vertx;
  private MicroBatcher<Integer, String> batcher;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    if (batcher != null) {
      batcher.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    return fail("expected the future to fail");
  }

  /** A batch that labels each input and, while {@code gate} is closed, holds its first batch. */
  private static MicroBatcher.Batch<Integer, String> labelling(CountDownLatch started, CountDownLatch gate) {
    return inputs -> {
      started.countDown();
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      return inputs.stream().map(i -> "r" + i).toList();
    };
  }

  @Test
  @DisplayName("Under 200 concurrent submissions from 8 threads every caller gets its own result, in batches of more than one.")
  void everyCallerGetsItsOwnResult() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(32, 2, 1000, 2),
      () -> labelling(new CountDownLatch(1), gate));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<CompletableFuture<List<Future<String>>>> submitted = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 8; t++) {
      int base = t * 25;
      submitted.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(go);
        List<Future<String>> mine = new ArrayList<>();
        for (int i = base; i < base + 25; i++) {
          mine.add(batcher.submit(i));
        }
        return mine;
      }, threads));
    }
    go.countDown();
    List<Future<String>> futures = new ArrayList<>();
    for (var s : submitted) {
      futures.addAll(s.get(10, TimeUnit.SECONDS));
    }
    // Every submission is queued before any batch may finish, so later batches must fill up.
    gate.countDown();
    for (int i = 0; i < 200; i++) {
      assertEquals("r" + i, result(futures.get(i)));
    }
    threads.shutdown();
    MicroBatcher.Stats stats = batcher.stats();
    assertEquals(200, stats.items());
    assertTrue(stats.maxBatchSeen() > 1, "largest batch " + stats.maxBatchSeen());
    assertTrue(stats.batches() < 200, stats.batches() + " batches");
  }

  @Test
  @DisplayName("Completes each future on the Vert.x context of the caller that submitted it.")
  void completesOnTheCallersContext() throws Exception {
    batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(8, 2, 100, 1),
      () -> inputs -> inputs.stream().map(String::valueOf).toList());
    Context caller = vertx.getOrCreateContext();
    Promise<Context> completedOn = Promise.promise();
    caller.runOnContext(v -> batcher.submit(7).onComplete(r -> completedOn.complete(Vertx.currentContext())));
    assertSame(caller, result(completedOn.future()));
  }

  @Test
  @DisplayName("A failing batch fails exactly its own callers; the batches before and after it succeed.")
  void aFailingBatchFailsOnlyItsCallers() throws Exception {
    // One worker, batches cut by size only (the wait is long), so batches are 0–3, 4–7 and 8–11.
    batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(4, 5_000, 100, 1), () -> inputs -> {
      if (inputs.contains(5)) {
        throw new IllegalArgumentException("cannot label 5");
      }
      return inputs.stream().map(i -> "r" + i).toList();
    });
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      futures.add(batcher.submit(i));
    }
    for (int i = 0; i < 12; i++) {
      if (i >= 4 && i < 8) {
        Throwable cause = failure(futures.get(i));
        assertEquals("cannot label 5", cause.getMessage(), "caller " + i);
      } else {
        assertEquals("r" + i, result(futures.get(i)), "caller " + i);
      }
    }
  }

  @Test
  @DisplayName("When the queue is full a submission fails at once with an overload message, and the queued ones still succeed.")
  void rejectsWhenOverloaded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(1, 0, 2, 1), () -> labelling(started, gate));
    Future<String> running = batcher.submit(0);
    assertTrue(started.await(10, TimeUnit.SECONDS), "the first batch started");
    Future<String> queued1 = batcher.submit(1);
    Future<String> queued2 = batcher.submit(2);
    Future<String> rejected = batcher.submit(3);
    assertTrue(rejected.failed(), "rejected without waiting");
    assertInstanceOf(RejectedExecutionException.class, rejected.cause());
    assertTrue(rejected.cause().getMessage().contains("overloaded"), rejected.cause().getMessage());
    gate.countDown();
    assertEquals(List.of("r0", "r1", "r2"), List.of(result(running), result(queued1), result(queued2)));
    assertEquals(1, batcher.stats().rejected());
  }

  @Test
  @DisplayName("close() fails what is still queued, lets the running batch finish, and rejects later submissions.")
  void closeCompletesPendingFutures() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(1, 0, 10, 1), () -> labelling(started, gate));
    Future<String> running = batcher.submit(0);
    assertTrue(started.await(10, TimeUnit.SECONDS), "the first batch started");
    List<Future<String>> queued = List.of(batcher.submit(1), batcher.submit(2), batcher.submit(3));
    CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);
    for (Future<String> f : queued) {
      Throwable cause = failure(f);
      assertInstanceOf(RejectedExecutionException.class, cause);
      assertTrue(cause.getMessage().contains("closed"), cause.getMessage());
    }
    gate.countDown();
    closing.get(10, TimeUnit.SECONDS);
    assertEquals("r0", result(running));
    Future<String> late = batcher.submit(4);
    assertTrue(late.failed() && late.cause().getMessage().contains("closed"), "rejected after close");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
