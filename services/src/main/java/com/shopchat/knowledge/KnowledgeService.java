package com.shopchat.knowledge;

import com.shopchat.dialogue.KnowledgeAnswers;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.store.KnowledgeRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Serves the published knowledge base to the dialogue manager: PostgreSQL holds the entries, the Lucene
 * index is rebuilt from them, and every Lucene call runs on a worker thread.
 */
public final class KnowledgeService implements KnowledgeAnswers {

  private final Vertx vertx;
  private final KnowledgeIndex index;
  private final KnowledgeRepository repository;
  private volatile Map<String, KnowledgeEntry> published = Map.of();

  public KnowledgeService(Vertx vertx, KnowledgeIndex index, KnowledgeRepository repository) {
    this.vertx = vertx;
    this.index = index;
    this.repository = repository;
  }

  /** Replaces the index with the published entries; completes with how many there are. */
  public Future<Integer> rebuild() {
    return repository.published().compose(entries -> vertx.executeBlocking(() -> {
      index.replaceAll(entries);
      return entries;
    }, false)).map(entries -> {
      published = entries.stream().collect(Collectors.toUnmodifiableMap(KnowledgeEntry::id, Function.identity()));
      return entries.size();
    });
  }

  @Override
  public Future<List<KnowledgeHit>> search(String text, String locale, int limit) {
    return vertx.executeBlocking(() -> index.search(text, locale, limit), false);
  }

  @Override
  public Future<KnowledgeEntry> entry(String id) {
    return Future.succeededFuture(published.get(id));
  }
}
