package com.shopchat.ops;

import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.serve.MicroBatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The platform's own meters (docs/operations.md lists them): bot-turn latency by stage, NLU batching, intents,
 * fallbacks and handoffs, open connections, the knowledge index's refresh lag. Every label value comes from a fixed
 * set (a stage, a connection kind, a handoff reason, the model's intents): never shopper text or an id.
 */
public final class Metrics implements MicroBatcher.Observer {

  /** Meters that go nowhere: metrics switched off ({@code METRICS_ENABLED=false}) or a test that needs none. */
  public static final Metrics NONE = new Metrics(new CompositeMeterRegistry());

  /** The value of the intent label for an intent outside the model's label set (never expected). */
  static final String OTHER_INTENT = "other";

  /** What part of a bot turn a latency belongs to. */
  public enum Stage {
    /** The whole turn, from the shopper's stored message to the stored reply. */
    TOTAL,
    /** Reading the message: intent and entities. */
    NLU,
    /** Choosing the reply, knowledge-base searches, suggestions and the shop's API included. */
    DIALOGUE,
    /** One knowledge-base search or entry lookup. */
    KB,
    /** One pick of product suggestions. */
    RECOMMENDATIONS,
    /** One PostgreSQL call of the turn (loading the conversation, storing the reply). */
    DATABASE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whose websocket: a shopper's chat or an agent console's live channel. */
  public enum Connection {
    SHOPPER, AGENT
  }

  private static final Duration[] TURN_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000);
  private static final Duration[] WAIT_BUCKETS = micros(500, 1000, 2000, 5000, 10_000, 25_000, 50_000, 100_000,
    250_000, 1_000_000);
  private static final Duration[] REFRESH_BUCKETS = millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

  private final MeterRegistry registry;
  private final Map<Stage, Timer> turns = new EnumMap<>(Stage.class);
  private final Map<Connection, AtomicInteger> open = new EnumMap<>(Connection.class);
  private final Map<String, Counter> intents = new ConcurrentHashMap<>();
  private final Map<String, Counter> handoffs = new ConcurrentHashMap<>();
  private final Counter fallbacks;
  private final Counter turnFailures;
  private final DistributionSummary batchSize;
  private final Timer queueWait;
  private final Timer refreshLag;
  private volatile Set<String> intentLabels = Set.of(Understanding.GREETING, Understanding.GOODBYE,
    Understanding.THANKS, Understanding.FAQ, Understanding.HUMAN, Understanding.OOS);

  /** The meters, registered in {@code registry}. */
  public Metrics(MeterRegistry registry) {
    this.registry = registry;
    for (Stage stage : Stage.values()) {
      turns.put(stage, Timer.builder("shopchat.bot.turn.duration")
        .description("Bot turn latency: the whole turn (stage=total) and each call of one stage within it")
        .tag("stage", stage.label()).serviceLevelObjectives(TURN_BUCKETS).register(registry));
    }
    for (Connection kind : Connection.values()) {
      AtomicInteger count = new AtomicInteger();
      open.put(kind, count);
      String label = kind.name().toLowerCase(Locale.ROOT);
      removeGauge("shopchat.connections.open", "kind", label);
      Gauge.builder("shopchat.connections.open", count, AtomicInteger::get)
        .description("Websockets open now: shoppers' chats and agents' consoles")
        .tag("kind", label).register(registry);
    }
    fallbacks = Counter.builder("shopchat.bot.fallbacks")
      .description("Bot turns whose message the NLU read as out of scope (oos)").register(registry);
    turnFailures = Counter.builder("shopchat.bot.turn.failures")
      .description("Bot turns that failed: the shopper was asked to send the message again").register(registry);
    batchSize = DistributionSummary.builder("shopchat.nlu.batch.size")
      .description("Utterances per NLU forward pass (the micro-batch)").serviceLevelObjectives(BATCH_BUCKETS)
      .register(registry);
    queueWait = Timer.builder("shopchat.nlu.queue.wait")
      .description("Time an utterance waited in the NLU queue before its batch ran")
      .serviceLevelObjectives(WAIT_BUCKETS).register(registry);
    refreshLag = Timer.builder("shopchat.kb.refresh.lag")
      .description("Time from an admin's publish, archive, rollback or import to the change being searchable")
      .serviceLevelObjectives(REFRESH_BUCKETS).register(registry);
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The intents the loaded model can name; an intent outside them is counted as {@value #OTHER_INTENT}. */
  public void intentLabels(Collection<String> labels) {
    intentLabels = Set.copyOf(labels);
  }

  /** Times the future {@code call} returns (failed or not) as one call of {@code stage}. */
  public <T> Future<T> time(Stage stage, Supplier<Future<T>> call) {
    long started = System.nanoTime();
    return call.get().onComplete(done -> turns.get(stage).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  /** Records a whole bot turn that began at {@code startedNanos} ({@link System#nanoTime()}). */
  public void turnCompleted(long startedNanos) {
    turns.get(Stage.TOTAL).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  public void turnFailed() {
    turnFailures.increment();
  }

  /** Counts the NLU's intent for one bot turn, and a fallback when it is out of scope. */
  public void intentRead(String intent) {
    String label = intentLabels.contains(intent) ? intent : OTHER_INTENT;
    intents.computeIfAbsent(label, l -> Counter.builder("shopchat.nlu.intents")
      .description("Bot turns by the intent the NLU read").tag("intent", l).register(registry)).increment();
    if (Understanding.OOS.equals(intent)) {
      fallbacks.increment();
    }
  }

  /** Counts a conversation queued for a person; {@code reason} is one of {@code Handoff}'s reasons. */
  public void handoff(String reason) {
    handoffs.computeIfAbsent(reason, r -> Counter.builder("shopchat.handoffs")
      .description("Conversations the bot handed to a person, by why").tag("reason", r).register(registry))
      .increment();
  }

  public void opened(Connection kind) {
    open.get(kind).incrementAndGet();
  }

  public void closed(Connection kind) {
    open.get(kind).decrementAndGet();
  }

  /** The knowledge index took {@code nanos} to make a change searchable. */
  public void refreshed(long nanos) {
    refreshLag.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void batchRan(int size) {
    batchSize.record(size);
  }

  @Override
  public void waited(long nanos) {
    queueWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A gauge of whatever {@code value} reads from {@code source} (a pool's size), held weakly by Micrometer. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    removeGauge(name, null, null);
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /**
   * Drops a gauge an earlier deployment left in a shared registry: Micrometer would otherwise hand back the old one,
   * still reading the old deployment's counter or pool (a redeploy on one Vert.x, as tests do).
   */
  private void removeGauge(String name, String tagKey, String tagValue) {
    var search = registry.find(name);
    Gauge old = (tagKey == null ? search : search.tag(tagKey, tagValue)).gauge();
    if (old != null) {
      registry.remove(old);
    }
  }

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }

  private static Duration[] micros(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(values[i] * 1000);
    }
    return out;
  }
}
