package com.shopchat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Cluster-wide "something changed" signals: a node that changed shared state in PostgreSQL (a knowledge entry
 * published, an experiment started, a new NLU model promoted) {@link #signal}s a topic, and every other node that
 * {@link #subscribe}d to it re-reads what it caches. A signal only says what to re-read, never the new state
 * itself: PostgreSQL stays the one truth, so a signal repeated, reordered or arriving during a node's start
 * changes nothing wrong. A signal sent while a node is down or joining is not kept for it: a node therefore
 * subscribes before it first loads its caches (its catch-up), and a periodic re-read backs up what matters.
 *
 * <p>On a single node (Vert.x not clustered) signals go nowhere and subscribing registers nothing: there is no
 * other node to tell, and two servers in one JVM (tests) must not hear each other.
 */
public final class ClusterSignals {

  /** Knowledge entries changed: {@code {"ids":[…]}}, the entries to re-read and re-index. */
  public static final String KNOWLEDGE = "knowledge";
  /** An experiment started or stopped, or the rolled-out default changed: re-read the running experiment. */
  public static final String EXPERIMENTS = "experiments";
  /** Another NLU model serves now: {@code {"version":…}}; each node loads it (see docs/deploy.md, "Several nodes"). */
  public static final String NLU_MODEL = "nlu-model";

  private final Vertx vertx;
  private final String node = UUID.randomUUID().toString();

  private ClusterSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Signals over {@code vertx}'s event bus: across the cluster when it is clustered, nowhere otherwise. */
  public static ClusterSignals create(Vertx vertx) {
    return new ClusterSignals(vertx);
  }

  /** The event-bus address a topic's signals are published on. */
  public static String address(String topic) {
    return "shopchat.changed." + topic;
  }

  /** Whether other nodes may exist to hear signals. */
  public boolean clustered() {
    return vertx.isClustered();
  }

  /** Tells every other node that {@code topic} changed; {@code detail} says what (may be empty). */
  public void signal(String topic, JsonObject detail) {
    if (clustered()) {
      vertx.eventBus().publish(address(topic), new JsonObject().put("origin", node).put("detail", detail));
    }
  }

  /**
   * Calls {@code changed} with each signal of {@code topic} another node sends (its own are skipped: it applied its
   * change already). Completes once the subscription is known cluster-wide, so a change made after that is
   * signalled here; {@code null} consumer on a single node.
   */
  public Future<MessageConsumer<JsonObject>> subscribe(String topic, Handler<JsonObject> changed) {
    if (!clustered()) {
      return Future.succeededFuture();
    }
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address(topic), m -> {
      if (!node.equals(m.body().getString("origin"))) {
        JsonObject detail = m.body().getJsonObject("detail");
        changed.handle(detail == null ? new JsonObject() : detail);
      }
    });
    return consumer.completion().map(consumer);
  }
}
