package com.shopchat.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The demo shop's backend: {@link DemoShopApi} over the demo tables, on an HTTP server of its own, so it comes
 * and goes apart from the chat server as a real shop's system would (tests stop it to play an outage). It is a
 * verticle of its own, so it answers on its own event loop: under chat load the shop's answers do not queue behind
 * the chat's sockets, as a real shop's would not.
 */
public final class DemoShopBackend {

  private final Vertx vertx;
  private final String deploymentId;
  private final HttpServer server;
  private final String host;

  private static final int POOL_SIZE = 4;

  private DemoShopBackend(Vertx vertx, String deploymentId, HttpServer server, String host) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.server = server;
    this.host = host;
  }

  /** Listens on {@code host:port} (0 picks a free port) once the policies are read from the demo files. */
  public static Future<DemoShopBackend> start(Vertx vertx, Pool pool, String host, int port, String apiKey) {
    return deploy(vertx, pool, null, host, port, apiKey);
  }

  /**
   * As {@link #start(Vertx, Pool, String, int, String)}, with a pool of its own ({@value #POOL_SIZE} connections,
   * closed with it), as a real shop's system has its own database access: under chat load its queries do not wait
   * for the chat's connections.
   */
  public static Future<DemoShopBackend> start(Vertx vertx, PgConnectOptions database, String host, int port,
                                              String apiKey) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE).setName("demo-shop"))
      .connectingTo(database).using(vertx).build();
    return deploy(vertx, pool, pool, host, port, apiKey).onFailure(e -> pool.close());
  }

  /** {@code ownPool}: the pool to close when it stops, or {@code null} when the caller owns {@code pool}. */
  private static Future<DemoShopBackend> deploy(Vertx vertx, Pool pool, Pool ownPool, String host, int port,
                                                String apiKey) {
    return vertx.executeBlocking(DemoShop::policies).compose(policies -> {
      ServerVerticle verticle = new ServerVerticle(new DemoShopDatabase(pool, policies), ownPool, host, port, apiKey);
      return vertx.deployVerticle(verticle).map(id -> new DemoShopBackend(vertx, id, verticle.server, host));
    });
  }

  public int port() {
    return server.actualPort();
  }

  /** Where a client reaches it, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://" + host + ":" + port();
  }

  /** Stops listening; done already when Vert.x closed (which undeploys it). */
  public Future<Void> close() {
    return vertx.deploymentIDs().contains(deploymentId) ? vertx.undeploy(deploymentId).recover(e -> Future.succeededFuture()) : Future.succeededFuture();
  }

  private static final class ServerVerticle extends VerticleBase {
    private final DemoShopDatabase database;
    /** The pool to close when it stops; {@code null} when the caller owns it. */
    private final Pool ownPool;
    private final String host;
    private final int port;
    private final String apiKey;
    private volatile HttpServer server;

    ServerVerticle(DemoShopDatabase database, Pool ownPool, String host, int port, String apiKey) {
      this.database = database;
      this.ownPool = ownPool;
      this.host = host;
      this.port = port;
      this.apiKey = apiKey;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(DemoShopApi.router(vertx, database, apiKey))
        .listen()
        .onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
      return ownPool == null ? Future.succeededFuture() : ownPool.close();
    }
  }
}
