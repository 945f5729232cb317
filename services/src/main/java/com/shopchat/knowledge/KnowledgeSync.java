package com.shopchat.knowledge;

import com.shopchat.cluster.ClusterSignals;
import com.shopchat.store.KnowledgeEditRepository;
import com.shopchat.store.KnowledgeRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
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
    KnowledgeSync sync = new KnowledgeSync(knowledge, entries);
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
