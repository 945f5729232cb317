package com.shopchat.support;

import com.shopchat.MainVerticle;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform for one test class: a fresh database, the server deployed on a free port over it,
 * and a pool the test uses to check what was stored.
 */
public final class TestServer {

  private final TestDatabase db;
  private final MainVerticle app;
  private final Pool pool;

  private TestServer(TestDatabase db, MainVerticle app, Pool pool) {
    this.db = db;
    this.app = app;
    this.pool = pool;
  }

  /** Deploys the server with these configuration overrides (environment-variable names). */
  public static TestServer start(Vertx vertx, Map<String, String> overrides) throws Exception {
    TestDatabase db = TestDatabase.fresh();
    MainVerticle app = new MainVerticle(db.config(overrides));
    vertx.deployVerticle(app).await(60, TimeUnit.SECONDS);
    Pool pool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(vertx).build();
    return new TestServer(db, app, pool);
  }

  public int port() {
    return app.port();
  }

  /** Runs a {@code SELECT count(*) …} and returns the count. */
  public long count(String sql, Object... params) throws Exception {
    return pool.preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS)
      .iterator().next().getLong(0);
  }

  /** Stops Vert.x (and with it the server) and drops the database. */
  public void stop(Vertx vertx) throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    db.close();
  }
}
