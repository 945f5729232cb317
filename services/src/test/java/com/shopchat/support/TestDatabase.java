package com.shopchat.support;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.store.DatabaseBootstrap;
import java.util.Map;
import java.util.UUID;

/** A database of its own for one test class on the local PostgreSQL, dropped when the class is done. */
public final class TestDatabase implements AutoCloseable {

  private final PgSettings pg;

  private TestDatabase(PgSettings pg) {
    this.pg = pg;
  }

  /** Names a fresh database on the server the standard PG* variables point at; the server creates it. */
  public static TestDatabase fresh() {
    PgSettings base = AppConfig.from(new io.vertx.core.json.JsonObject(), System.getenv()).pg();
    String name = "shopchat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new TestDatabase(base.withDatabase(name));
  }

  public PgSettings pg() {
    return pg;
  }

  /** Configuration for a server on a free port over this database, with the given overrides. */
  public AppConfig config(Map<String, String> overrides) {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("PGDATABASE", pg.database());
    env.remove("ALLOWED_ORIGINS");
    // Server tests talk to the built-in demo shop backend, whatever shop this machine is configured for.
    env.remove("SHOP_API_URL");
    env.remove("SHOP_API_KEY");
    // Server tests reason about the rule-based baseline's exact answers; tests of the transformer ask for it.
    env.put("NLU_MODEL_DIR", "baseline");
    // Every test's sockets come from 127.0.0.1: the per-address connection limits are off unless a test sets them.
    env.put("CHAT_MAX_SOCKETS_PER_IP", "0");
    env.put("CHAT_CONNECTS_PER_IP", "0");
    env.putAll(overrides);
    return AppConfig.from(new io.vertx.core.json.JsonObject(), env);
  }

  @Override
  public void close() {
    DatabaseBootstrap.dropDatabase(pg);
  }
}
