package com.shopchat.knowledge;

import com.shopchat.dialogue.KnowledgeAnswers;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.nlu.SentenceVector;
import com.shopchat.store.KnowledgeRecord;
import com.shopchat.store.KnowledgeRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Serves the published knowledge base to the dialogue manager: PostgreSQL holds the entries, the Lucene
 * index is rebuilt from them at start and follows every publish, rollback and archive, and every Lucene call
 * runs on a worker thread.
 *
 * <p>A hybrid index's vectors come from an intent model; when the NLU read the shopper's message with that same
 * model (same version), the dialogue's search reuses the message's sentence vector from the NLU's pass and costs
 * the Lucene work alone (see {@link #search(String, String, int, SentenceVector)}).
 */
public final class KnowledgeService implements KnowledgeAnswers {

  private final Vertx vertx;
  private final KnowledgeIndex index;
  private final KnowledgeRepository repository;
  private final String vectorModelVersion;
  private final LongConsumer refreshLagNanos;
  private final AtomicInteger rebuilding = new AtomicInteger();
  private volatile Map<String, KnowledgeEntry> published = new ConcurrentHashMap<>();
  private volatile Consumer<List<KnowledgeRecord>> applied = records -> { };

  /** A service whose searches always embed the question themselves (or a BM25-only index). */
  public KnowledgeService(Vertx vertx, KnowledgeIndex index, KnowledgeRepository repository) {
    this(vertx, index, repository, null);
  }

  /**
   * A service over a hybrid index whose embedder reads the intent model of version {@code vectorModelVersion}
   * (see {@code ModelVersion}); sentence vectors the NLU computed with that model are searched with as they are.
   * {@code null}: never.
   */
  public KnowledgeService(Vertx vertx, KnowledgeIndex index, KnowledgeRepository repository,
                          String vectorModelVersion) {
    this(vertx, index, repository, vectorModelVersion, nanos -> { });
  }

  /**
   * As {@link #KnowledgeService(Vertx, KnowledgeIndex, KnowledgeRepository, String)}, telling
   * {@code refreshLagNanos} how long each {@link #apply} took to make its change searchable (for the metrics).
   */
  public KnowledgeService(Vertx vertx, KnowledgeIndex index, KnowledgeRepository repository,
                          String vectorModelVersion, LongConsumer refreshLagNanos) {
    this.refreshLagNanos = refreshLagNanos;
    this.vertx = vertx;
    this.index = index;
    this.repository = repository;
    this.vectorModelVersion = index.hybrid() ? vectorModelVersion : null;
  }

  /** Replaces the index with the published entries; completes with how many there are. */
  public Future<Integer> rebuild() {
    rebuilding.incrementAndGet();
    return repository.published().compose(entries -> vertx.executeBlocking(() -> {
      index.replaceAll(entries);
      return entries;
    }, false)).map(entries -> {
      Map<String, KnowledgeEntry> byId = new ConcurrentHashMap<>();
      entries.forEach(e -> byId.put(e.id(), e));
      published = byId;
      return entries.size();
    }).onComplete(done -> rebuilding.decrementAndGet());
  }

  /** True while {@link #rebuild} is replacing the index: searches may miss entries (readiness says so). */
  public boolean rebuilding() {
    return rebuilding.get() > 0;
  }

  /**
   * Makes shoppers' search follow entries just changed in PostgreSQL: a published one is (re)indexed, any other
   * leaves the index. Searchable when the future completes. Ordered on the caller's context, so two changes to
   * one entry reach the index in the order they were applied. Then tells the {@link #onApplied} listener (other
   * nodes follow the change).
   */
  public Future<Void> apply(List<KnowledgeRecord> changed) {
    return follow(changed).onSuccess(v -> {
      if (!changed.isEmpty()) {
        applied.accept(changed);
      }
    });
  }

  /** Called after each {@link #apply} with what it changed (not after {@link #follow}): the cluster's signal. */
  public void onApplied(Consumer<List<KnowledgeRecord>> listener) {
    this.applied = listener;
  }

  /**
   * As {@link #apply}, for changes another node made and signalled: the index follows them, nobody is told again.
   */
  public Future<Void> follow(List<KnowledgeRecord> changed) {
    if (changed.isEmpty()) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    return vertx.executeBlocking(() -> {
      List<KnowledgeEntry> live = new ArrayList<>();
      for (KnowledgeRecord record : changed) {
        if (record.published()) {
          live.add(record.entry());
        } else {
          index.delete(record.entry().id());
        }
      }
      index.upsertAll(live);
      return null;
    }, true).onSuccess(v -> {
      changed.forEach(record -> {
        if (record.published()) {
          published.put(record.entry().id(), record.entry());
        } else {
          published.remove(record.entry().id());
        }
      });
      refreshLagNanos.accept(System.nanoTime() - started);
    }).mapEmpty();
  }

  /**
   * The ids of entries on which this index and PostgreSQL disagree now: published there but missing or different here,
   * or here but no longer published there. With several nodes, a non-empty answer is a change whose signal never
   * arrived (see {@link KnowledgeSync#reconcile()}).
   */
  public Future<List<String>> differences() {
    return repository.published().map(entries -> {
      Map<String, KnowledgeEntry> here = published;
      Set<String> stored = new HashSet<>();
      List<String> ids = new ArrayList<>();
      for (KnowledgeEntry entry : entries) {
        stored.add(entry.id());
        if (!entry.equals(here.get(entry.id()))) {
          ids.add(entry.id());
        }
      }
      here.keySet().stream().filter(id -> !stored.contains(id)).forEach(ids::add);
      return ids;
    });
  }

  /**
   * How shoppers' search would rank for {@code question} if {@code draft} were published as it is: a throwaway
   * in-memory index of the published entries with the draft in place of its published version, searched on a
   * worker. Costs a full index build, which is fine for an admin's click, not for chat traffic.
   */
  public Future<List<KnowledgeHit>> preview(KnowledgeEntry draft, String question, int limit) {
    List<KnowledgeEntry> entries = new ArrayList<>(published.values());
    entries.removeIf(e -> e.id().equals(draft.id()));
    entries.add(draft);
    return vertx.executeBlocking(() -> {
      try (KnowledgeIndex scratch = KnowledgeIndex.inMemory()) {
        scratch.replaceAll(entries);
        return scratch.search(question, draft.locale(), limit);
      }
    }, false);
  }

  @Override
  public Future<List<KnowledgeHit>> search(String text, String locale, int limit) {
    return vertx.executeBlocking(() -> index.search(text, locale, limit), false);
  }

  /**
   * As {@link #search(String, String, int)}, without a forward pass when {@code vector} is of {@code text} by the
   * model this index's vectors come from (same version): the hits are the same up to float rounding in the dense
   * ranks. Any other vector (another model's, another text's, or none) is ignored and the text embedded as usual.
   */
  @Override
  public Future<List<KnowledgeHit>> search(String text, String locale, int limit, SentenceVector vector) {
    float[] given = usable(vector, text) ? vector.values() : null;
    return vertx.executeBlocking(() -> index.search(text, locale, limit, given), false);
  }

  /** True when the index would search {@code text} with this very vector (same text, same model). */
  public boolean usable(SentenceVector vector, String text) {
    return vector != null && vectorModelVersion != null && vector.isOf(text, vectorModelVersion);
  }

  @Override
  public Future<KnowledgeEntry> entry(String id) {
    return Future.succeededFuture(published.get(id));
  }
}
