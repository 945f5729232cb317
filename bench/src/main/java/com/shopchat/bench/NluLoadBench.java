package com.shopchat.bench;

import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.serve.MicroBatcher;
import com.shopchat.nlu.serve.TransformerIntentRecognizer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load on the NLU serving path ({@link TransformerIntentRecognizer}: micro-batcher + DJL
 * predictors), submitted from a Vert.x event loop as the HTTP handler does. Every setting runs in this
 * one process against the same model and utterances, and throughput is printed as a ratio to the
 * baseline: the same load with batching off (batches of one, one predictor).
 *
 * <p>Usage: {@code java -cp services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.NluLoadBench
 * <modelDir> <utterances.jsonl> [seconds per run] [concurrency] [settings, e.g. 1x1,1x32,2x32]}
 * where a setting is {@code workers x maxBatch}.
 */
public final class NluLoadBench {

  private record Setting(int workers, int maxBatch) {
    static Setting parse(String s) {
      String[] p = s.split("x");
      return new Setting(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    @Override
    public String toString() {
      return workers + " worker" + (workers == 1 ? "" : "s") + ", batch <= " + maxBatch;
    }
  }

  private record Result(double perSecond, Histogram latencyMicros, double meanBatch) {}

  private NluLoadBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: NluLoadBench <modelDir> <utterances.jsonl> [seconds] [concurrency] [settings]");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    List<String> texts = IntentDataset.read(Path.of(args[1])).stream().map(LabeledText::text).toList();
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 256;
    List<Setting> settings = new ArrayList<>();
    for (String s : (args.length > 4 ? args[4] : "1x32,2x32,2x64,4x32").split(",")) {
      settings.add(Setting.parse(s));
    }
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf(Locale.ROOT, "model %s, %d utterances, %d s per run, %d concurrent callers, %d cores%n",
          model, texts.size(), seconds, concurrency, Runtime.getRuntime().availableProcessors());
      run(vertx, model, texts, new Setting(2, 32), Math.max(3, seconds / 2), concurrency); // warm-up, not reported
      Result idle = run(vertx, model, texts, new Setting(1, 1), seconds, 1);
      Result baseline = run(vertx, model, texts, new Setting(1, 1), seconds, concurrency);
      System.out.println();
      System.out.println("| setting | callers | utterances/s | × baseline | p50 ms | p99 ms | max ms | mean batch |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      print("one request at a time (idle latency)", 1, idle, baseline);
      print("baseline: no batching, 1 worker", concurrency, baseline, baseline);
      for (Setting setting : settings) {
        print("micro-batched: " + setting, concurrency, run(vertx, model, texts, setting, seconds, concurrency), baseline);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void print(String name, int callers, Result r, Result baseline) {
    Histogram h = r.latencyMicros();
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f |%n", name, callers,
        r.perSecond(), r.perSecond() / baseline.perSecond(), h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, r.meanBatch());
  }

  /** {@code callers} clients each send their next utterance as soon as the last is answered, for the given time. */
  private static Result run(Vertx vertx, Path model, List<String> texts, Setting setting, int seconds, int callers)
      throws Exception {
    var options = new MicroBatcher.Options(setting.maxBatch(), 2, Math.max(callers, setting.maxBatch() * 64),
        setting.workers());
    try (TransformerIntentRecognizer nlu = TransformerIntentRecognizer.load(vertx, model, options)) {
      Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      AtomicInteger next = new AtomicInteger();
      AtomicInteger running = new AtomicInteger(callers);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Promise<Void> done = Promise.promise();
      long started = System.nanoTime();
      vertx.runOnContext(v -> {
        for (int c = 0; c < callers; c++) {
          loop(nlu, texts, next, deadline, latency, running, done);
        }
      });
      done.future().await(seconds + 60L, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - started) / 1e9;
      var stats = nlu.stats();
      return new Result(latency.getTotalCount() / elapsed, latency,
          stats.batches() == 0 ? 0 : (double) stats.items() / stats.batches());
    }
  }

  private static void loop(TransformerIntentRecognizer nlu, List<String> texts, AtomicInteger next, long deadline,
      Histogram latency, AtomicInteger running, Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      if (running.decrementAndGet() == 0) {
        done.complete();
      }
      return;
    }
    String text = texts.get(Math.floorMod(next.getAndIncrement(), texts.size()));
    long sent = System.nanoTime();
    nlu.parse(text, "en").onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent)));
      loop(nlu, texts, next, deadline, latency, running, done);
    });
  }
}
