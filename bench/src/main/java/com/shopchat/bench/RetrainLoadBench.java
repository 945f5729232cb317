package com.shopchat.bench;

import com.shopchat.learning.ServingModel;
import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.TrainingConfig;
import com.shopchat.nlu.serve.TransformerIntentRecognizer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Does an NLU retrain starve the chat? Closed-loop load on the serving path ({@link ServingModel} over the
 * micro-batcher, as the chat and {@code /api/nlu/parse} read intents) in three phases of one process: idle (the
 * baseline), while the serving model is fine-tuned over and over on one {@code MIN_PRIORITY} thread (as the server's
 * {@code nlu-retrain} worker does), and while the model is swapped every second (promotions). Printed as ratios to
 * the baseline; failed requests are counted (there must be none).
 *
 * <p>Usage: {@code java -cp services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.RetrainLoadBench
 * <modelDir> <utterances.jsonl> [seconds per phase] [callers]}; the model directory needs {@code train.jsonl}.
 */
public final class RetrainLoadBench {

  private record Result(double perSecond, Histogram latencyMicros, long failed, int retrainEpochs, int swaps) {}

  private RetrainLoadBench() {
  }

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    List<String> texts = IntentDataset.read(Path.of(args[1])).stream().map(LabeledText::text).toList();
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int callers = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    List<LabeledText> corpus = IntentDataset.read(model.resolve("train.jsonl")).subList(0, 600);
    Vertx vertx = Vertx.vertx();
    var options = TransformerIntentRecognizer.options(64, 2, 2);
    TransformerIntentRecognizer first = TransformerIntentRecognizer.load(vertx, model, options);
    ServingModel serving = new ServingModel(vertx, first, model, false);
    try {
      System.out.printf(Locale.ROOT, "model %s, %d utterances, %d s per phase, %d callers, %d cores%n", model,
          texts.size(), seconds, callers, Runtime.getRuntime().availableProcessors());
      phase(vertx, serving, texts, Math.max(3, seconds / 4), callers, () -> { }, () -> 0); // warm-up
      Result idle = phase(vertx, serving, texts, seconds, callers, () -> { }, () -> 0);
      AtomicBoolean training = new AtomicBoolean(true);
      AtomicInteger epochs = new AtomicInteger();
      Thread trainer = new Thread(() -> retrainUntilStopped(model, corpus, training, epochs), "nlu-retrain");
      trainer.setPriority(Thread.MIN_PRIORITY);
      Result retraining = phase(vertx, serving, texts, seconds, callers, trainer::start, epochs::get);
      training.set(false);
      trainer.join();
      AtomicInteger swaps = new AtomicInteger();
      long timer = vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> {
        serving.swap(TransformerIntentRecognizer.load(vertx, model, options), model);
        return swaps.incrementAndGet();
      }, false));
      Result swapping = phase(vertx, serving, texts, seconds, callers, () -> { }, swaps::get);
      vertx.cancelTimer(timer);
      System.out.println();
      System.out.println("| phase | utterances/s | × idle | p50 ms | p99 ms | max ms | failed | epochs / swaps |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      print("idle (baseline)", idle, idle);
      print("retrain running (fine-tune, 1 low-priority thread)", retraining, idle);
      print("model swapped every second", swapping, idle);
    } finally {
      vertx.executeBlocking(() -> {
        serving.close();
        return null;
      }).await(30, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Fine-tunes the model one epoch at a time, as a retrain does, until told to stop. */
  private static void retrainUntilStopped(Path model, List<LabeledText> corpus, AtomicBoolean training,
      AtomicInteger epochs) {
    TrainingConfig cfg = TrainingConfig.defaults().withEpochs(1);
    while (training.get()) {
      try (IntentModel tuned = IntentModel.fineTune(model, corpus, cfg, IntentModel.EpochListener.NONE)) {
        epochs.incrementAndGet();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void print(String name, Result r, Result idle) {
    Histogram h = r.latencyMicros();
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", name, r.perSecond(),
        r.perSecond() / idle.perSecond(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0, r.failed(), Math.max(r.retrainEpochs(), r.swaps()));
  }

  private static Result phase(Vertx vertx, ServingModel nlu, List<String> texts, int seconds, int callers,
      Runnable alongside, java.util.function.IntSupplier count) throws Exception {
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(callers);
    AtomicLong failed = new AtomicLong();
    int before = count.getAsInt();
    alongside.run();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Promise<Void> done = Promise.promise();
    long started = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int c = 0; c < callers; c++) {
        loop(nlu, texts, next, deadline, latency, running, failed, done);
      }
    });
    done.future().await(seconds + 60L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - started) / 1e9;
    int after = count.getAsInt();
    return new Result(latency.getTotalCount() / elapsed, latency, failed.get(), after - before, after - before);
  }

  private static void loop(ServingModel nlu, List<String> texts, AtomicInteger next, long deadline,
      Histogram latency, AtomicInteger running, AtomicLong failed, Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      if (running.decrementAndGet() == 0) {
        done.complete();
      }
      return;
    }
    String text = texts.get(Math.floorMod(next.getAndIncrement(), texts.size()));
    long sent = System.nanoTime();
    Future<?> answer = nlu.parse(text, "en");
    answer.onComplete(ar -> {
      if (ar.failed()) {
        failed.incrementAndGet();
      } else {
        latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent)));
      }
      loop(nlu, texts, next, deadline, latency, running, failed, done);
    });
  }
}
