package com.shopchat.knowledge;

import com.shopchat.cluster.ClusterSignals;
import com.shopchat.store.KnowledgeEditRepository;
import com.shopchat.store.KnowledgeRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every node's knowledge index in step when several nodes run: a change applied on one node is signalled
 * ({@link ClusterSignals#KNOWLEDGE}) with the changed entries' ids, and each other node re-reads those entries from
 * PostgreSQL and indexes what it finds there now (so a late or repeated signal still lands on the latest state).
 * The catch-up on start is the first rebuild, made after the subscription holds, so a change is either in what
 * the rebuild reads or signalled after it; changes signalled meanwhile wait for the rebuild and follow it.
 */
public final class KnowledgeSync {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeSync.class);
  /** Beyond this many entries (an import) a signal asks for a rebuild rather than one read per entry. */
  static final int MAX_IDS = 100;
  /** How often a node of a cluster compares its index with PostgreSQL (see {@link #reconcile()}). */
  public static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);

  private final KnowledgeService knowledge;
  private final KnowledgeEditRepository entries;
  // Signalled changes apply one after another, after the start's rebuild.
  private Future<?> applied = Future.succeededFuture();

  private KnowledgeSync(KnowledgeService knowledge, KnowledgeEditRepository entries) {
    this.knowledge = knowledge;
    this.entries = entries;
  }

  /**
   * Subscribes to other nodes' changes, signals this node's, then rebuilds the index from PostgreSQL; completes
   * with the published entries' count. Call on the event loop that will own the service.
   */
  public static Future<Integer> start(ClusterSignals signals, KnowledgeService knowledge,
                                      KnowledgeEditRepository entries) {
    return start(signals, knowledge, entries, sync -> { });
  }

  /** As {@link #start(ClusterSignals, KnowledgeService, KnowledgeEditRepository)}, handing the sync to {@code made}. */
  public static Future<Integer> start(ClusterSignals signals, KnowledgeService knowledge,
                                      KnowledgeEditRepository entries, Consumer<KnowledgeSync> made) {
    KnowledgeSync sync = new KnowledgeSync(knowledge, entries);
    made.accept(sync);
    knowledge.onApplied(records -> signals.signal(ClusterSignals.KNOWLEDGE, detail(records)));
    return signals.subscribe(ClusterSignals.KNOWLEDGE, sync::changed).compose(subscribed -> {
      Future<Integer> rebuilt = knowledge.rebuild();
      sync.applied = rebuilt;
      return rebuilt;
    });
  }

  /** What a signal carries: the ids to re-read, or a rebuild for a large change. */
  static JsonObject detail(List<KnowledgeRecord> records) {
    if (records.size() > MAX_IDS) {
      return new JsonObject().put("rebuild", true);
    }
    return new JsonObject().put("ids", new JsonArray(records.stream().map(r -> r.entry().id()).distinct().toList()));
  }

  private void changed(JsonObject detail) {
    applied = applied.transform(previous -> refresh(detail)
      .onFailure(e -> LOG.warn("following another node's knowledge change failed: {}", e.toString())));
  }

  /**
   * Repairs what a lost signal left behind (a node paused past the event bus's patience, a network cut): the entries on
   * which this node's index and PostgreSQL disagree are re-read and followed, as their signal would have made them,
   * in turn with the signals. Completes with how many there were. Runs every {@link #RECONCILE_EVERY} when clustered.
   */
  public Future<Integer> reconcile() {
    Promise<Integer> done = Promise.promise();
    applied = applied.transform(previous -> knowledge.differences().compose(ids -> {
      if (ids.isEmpty()) {
        return Future.succeededFuture(0);
      }
      LOG.warn("the knowledge index missed changes to {} entr{} (a lost cluster signal?): re-reading {}", ids.size(),
        ids.size() == 1 ? "y" : "ies", ids.size() > 10 ? ids.subList(0, 10) + "…" : ids);
      JsonObject detail = ids.size() > MAX_IDS ? new JsonObject().put("rebuild", true)
        : new JsonObject().put("ids", new JsonArray(ids));
      return refresh(detail).map(ids.size());
    }).onComplete(done));
    return done.future();
  }

  /** With other nodes, {@link #reconcile()} on a timer; returns the timer's id, or -1 on a single node. */
  public long schedule(Vertx vertx, ClusterSignals signals) {
    if (!signals.clustered()) {
      return -1;
    }
    return vertx.setPeriodic(RECONCILE_EVERY.toMillis(), id -> reconcile()
      .onFailure(e -> LOG.warn("reconciling the knowledge index failed: {}", e.toString())));
  }

  private Future<?> refresh(JsonObject detail) {
    JsonArray ids = detail.getJsonArray("ids");
    if (detail.getBoolean("rebuild", false) || ids == null) {
      return knowledge.rebuild();
    }
    List<Future<KnowledgeRecord>> reads = ids.stream().filter(String.class::isInstance).map(String.class::cast)
      .map(entries::find).toList();
    return Future.all(reads).compose(all -> knowledge.follow(reads.stream().map(Future::result)
      .filter(Objects::nonNull).toList()));
  }
}
