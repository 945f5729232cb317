package com.shopchat.handoff;

import com.shopchat.store.HandoffRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * The shop's policy of what always goes to a person ({@code handoff_rules}): requests whose intent is on the list
 * are handed over at once, with the reason {@code policy}. Read on every bot turn, so kept in memory: loaded at
 * start, again after an admin changes it here, and on the routing timer for changes made on other nodes.
 */
public final class HandoffRules {

  /** No rules and no database: nothing goes to a person by policy (tests of other things). */
  public static final HandoffRules NONE = new HandoffRules(null);

  private final HandoffRepository repository;
  private volatile Set<String> intents = Set.of();

  public HandoffRules(HandoffRepository repository) {
    this.repository = repository;
  }

  /** Whether a request with this intent always goes to a person. */
  public boolean applies(String intent) {
    return intent != null && intents.contains(intent);
  }

  /** The intents on the list now, sorted. */
  public List<String> intents() {
    return intents.stream().sorted().toList();
  }

  /** Reads the list from PostgreSQL. */
  public Future<List<String>> reload() {
    if (repository == null) {
      return Future.succeededFuture(List.of());
    }
    return repository.rules().onSuccess(read -> intents = Set.copyOf(read));
  }

  /** Stores a new list (as {@code staffId} set it) and serves it from now on. */
  public Future<List<String>> replace(List<String> newIntents, long staffId) {
    return repository.replaceRules(newIntents, staffId).compose(v -> reload());
  }
}
