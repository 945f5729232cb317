package com.shopchat.ops;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness for a load balancer or an orchestrator. Liveness ({@code GET /health/live}) is UP while the
 * server answers at all. Readiness ({@code GET /health/ready}) is UP only when PostgreSQL answers {@code SELECT 1}
 * within the timeout, the NLU model is loaded, the knowledge index is not being rebuilt, and the node is not
 * draining; otherwise 503, each check's status in the JSON body.
 *
 * <p>{@link #drain()} takes the node out of rotation before it stops: a graceful shutdown calls it first, waits for
 * the load balancer to notice the 503s, then closes the server.
 */
public final class Health {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final HealthCheckHandler liveness;
  private final HealthCheckHandler readiness;

  private Health(HealthCheckHandler liveness, HealthCheckHandler readiness) {
    this.liveness = liveness;
    this.readiness = readiness;
  }

  /**
   * The checks: {@code database} (a {@code SELECT 1} on {@code pool} failing after {@code databaseTimeout}),
   * {@code nlu} and {@code knowledge} as their suppliers say (true: ready), and {@code draining}.
   */
  public static Health create(Vertx vertx, Pool pool, Duration databaseTimeout, BooleanSupplier nluLoaded,
                              BooleanSupplier knowledgeReady) {
    HealthCheckHandler live = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
      .register("server", promise -> promise.complete(Status.OK())));
    Health health = new Health(live, HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)));
    health.readiness
      .register("database", databaseTimeout.toMillis(), promise -> selectOne(pool, promise))
      .register("nlu", promise -> promise.complete(status(nluLoaded.getAsBoolean(), "model not loaded")))
      .register("knowledge", promise -> promise.complete(status(knowledgeReady.getAsBoolean(), "index rebuilding")))
      .register("draining", promise -> promise.complete(status(!health.draining(), "node is draining")));
    return health;
  }

  private static void selectOne(Pool pool, Promise<Status> promise) {
    pool.query("SELECT 1").execute()
      .onSuccess(rows -> promise.tryComplete(Status.OK()))
      .onFailure(e -> promise.tryComplete(Status.KO(new JsonObject().put("reason", "PostgreSQL unreachable"))));
  }

  private static Status status(boolean ok, String reason) {
    return ok ? Status.OK() : Status.KO(new JsonObject().put("reason", reason));
  }

  /** Readiness answers 503 from now on (liveness stays UP), so a load balancer stops sending new traffic here. */
  public void drain() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  /** {@code GET /health/live}: 200 with {@code {"status":"UP",…}} while the server answers. */
  public Handler<RoutingContext> liveness() {
    return liveness;
  }

  /** {@code GET /health/ready}: 200 when every check is UP, else 503; per-check status in {@code checks}. */
  public Handler<RoutingContext> readiness() {
    return readiness;
  }
}
