package com.shopchat.support;

import com.shopchat.MainVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform for one test class: a fresh database, the server deployed on a free port over it,
 * and a pool the test uses to check what was stored. The server can be stopped and started again on
 * the same port, as after a crash or a deploy.
 */
public final class TestServer {

  private final TestDatabase db;
  private final Map<String, String> overrides;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private MainVerticle app;
  private int port;
  private String deploymentId;

  private TestServer(TestDatabase db, Map<String, String> overrides, Pool pool, PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.db = db;
    this.overrides = new HashMap<>(overrides);
    this.pool = pool;
  }

  /** Deploys the server with these configuration overrides (environment-variable names). */
  public static TestServer start(Vertx vertx, Map<String, String> overrides) throws Exception {
    return start(vertx, overrides, null);
  }

  /**
   * As {@link #start(Vertx, Map)}, the app's meters going into {@code registry} (the one {@code vertx} reports into
   * when {@code Prometheus.vertx} built it); {@code null}: a registry of the app's own.
   */
  public static TestServer start(Vertx vertx, Map<String, String> overrides, PrometheusMeterRegistry registry)
    throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Pool pool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(vertx).build();
    TestServer server = new TestServer(db, overrides, pool, registry);
    server.deploy(vertx);
    return server;
  }

  /**
   * As {@link #start(Vertx, Map)}, the server deployed on {@code appVertx}, which the test may close mid-traffic (as
   * a killed process's would go) and replace with another for {@link #startApp(Vertx)}; the test's pool stays on
   * {@code vertx}.
   */
  public static TestServer startOn(Vertx vertx, Vertx appVertx, Map<String, String> overrides) throws Exception {
    TestDatabase db = TestDatabase.fresh();
    Pool pool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(vertx).build();
    TestServer server = new TestServer(db, overrides, pool, null);
    server.deploy(appVertx);
    return server;
  }

  /**
   * Another node over this server's database, deployed on {@code other} (a second clustered Vert.x in the same
   * cluster), on a port of its own; its pool is built on {@code other}. Stopping it leaves the database alone.
   */
  public TestServer node(Vertx other, Map<String, String> overrides) throws Exception {
    Pool otherPool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(other).build();
    TestServer node = new TestServer(db, overrides, otherPool, null);
    node.deploy(other);
    return node;
  }

  private void deploy(Vertx vertx) throws Exception {
    app = registry == null ? new MainVerticle(db.config(overrides))
      : new MainVerticle(db.config(overrides), registry);
    deploymentId = vertx.deployVerticle(app).await(60, TimeUnit.SECONDS);
    port = app.port();
    // A restart must come back where shoppers' pages expect it.
    overrides.put("HTTP_PORT", String.valueOf(port));
  }

  /** Undeploys the server: its sockets close and the port stops answering; the database stays. */
  public void stopApp(Vertx vertx) throws Exception {
    vertx.undeploy(deploymentId).await(30, TimeUnit.SECONDS);
  }

  /** Deploys a new server over the same database on the same port. */
  public void startApp(Vertx vertx) throws Exception {
    deploy(vertx);
  }

  public int port() {
    return port;
  }

  /** The deployed server itself, for what it builds (the shop backend client). */
  public MainVerticle app() {
    return app;
  }

  /** The test's own pool on the server's database, to read what was stored or to store fixtures. */
  public Pool pool() {
    return pool;
  }

  /** Runs a {@code SELECT …} of one value and returns it ({@code null} when there is no row). */
  public Object value(String sql, Object... params) throws Exception {
    var rows = pool.preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next().getValue(0);
  }

  /** Runs a {@code SELECT count(*) …} and returns the count. */
  public long count(String sql, Object... params) throws Exception {
    return pool.preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS)
      .iterator().next().getLong(0);
  }

  /** Runs a query and returns the first column of its first row as text ({@code null} for none or SQL null). */
  public String string(String sql, Object... params) throws Exception {
    Object value = value(sql, params);
    return value == null ? null : String.valueOf(value);
  }

  /** Undeploys the server and drops the database, leaving Vert.x running (for a class with two servers). */
  public void drop(Vertx vertx) throws Exception {
    stopApp(vertx);
    pool.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  /** Stops Vert.x (and with it the server) and drops the database. */
  public void stop(Vertx vertx) throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    db.close();
  }
}
