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
