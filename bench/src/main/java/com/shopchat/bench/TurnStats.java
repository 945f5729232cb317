package com.shopchat.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one phase of {@link ChatLoadBench} saw, recorded from every client event loop at once. */
final class TurnStats {

  private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

  /** Sent → the bot's reply received, in microseconds. */
  final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
  /** The same, measured from when the turn was due (so a session held up by a slow reply counts the wait too). */
  final Histogram fromDue = new ConcurrentHistogram(MAX_MICROS, 3);
  final LongAdder errorFrames = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder closedSockets = new LongAdder();
  final LongAdder withCards = new LongAdder();
  private final Map<String, LongAdder> intents = new ConcurrentHashMap<>();
  /** Latency by the intent the bot answered with: which kind of turn makes the tail. */
  private final Map<String, Histogram> byIntent = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  /** Replies received before the phase's deadline: throughput counts these over the phase's nominal length. */
  final LongAdder inWindow = new LongAdder();
  private final long windowEndNanos;

  TurnStats(long windowEndNanos) {
    this.windowEndNanos = windowEndNanos;
  }

  void turn(long sentNanos, long dueNanos, long nowNanos, String intent, boolean cards) {
    latency.recordValue(micros(nowNanos - sentNanos));
    if (nowNanos <= windowEndNanos) {
      inWindow.increment();
    }
    fromDue.recordValue(micros(nowNanos - Math.min(sentNanos, dueNanos)));
    intents.computeIfAbsent(intent == null ? "(none)" : intent, k -> new LongAdder()).increment();
    byIntent.computeIfAbsent(intent == null ? "(none)" : intent, k -> new ConcurrentHistogram(MAX_MICROS, 3))
      .recordValue(micros(nowNanos - sentNanos));
    if (cards) {
      withCards.increment();
    }
  }

  void error(String code) {
    errorFrames.increment();
    errorCodes.computeIfAbsent(code == null ? "(none)" : code, k -> new LongAdder()).increment();
  }

  long turns() {
    return latency.getTotalCount();
  }

  long errors() {
    return errorFrames.sum() + timeouts.sum() + closedSockets.sum();
  }

  Map<String, Long> intents() {
    return sorted(intents);
  }

  /** Per intent: turns, p50, p99 and max in ms, most turns first. */
  String latencyByIntent() {
    StringBuilder out = new StringBuilder();
    byIntent.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().getTotalCount(),
        a.getValue().getTotalCount()))
      .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "    %-24s %6d turns, p50 %7.1f ms, p99 %7.1f ms, "
        + "max %7.1f ms%n", e.getKey(), e.getValue().getTotalCount(), e.getValue().getValueAtPercentile(50) / 1000.0,
        e.getValue().getValueAtPercentile(99) / 1000.0, e.getValue().getMaxValue() / 1000.0)));
    return out.toString();
  }

  Map<String, Long> errorCodes() {
    return sorted(errorCodes);
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static long micros(long nanos) {
    return Math.min(MAX_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }
}
