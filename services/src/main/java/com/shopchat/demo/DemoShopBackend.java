package com.shopchat.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;

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

  private DemoShopBackend(Vertx vertx, String deploymentId, HttpServer server, String host) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.server = server;
    this.host = host;
  }

  /** Listens on {@code host:port} (0 picks a free port) once the policies are read from the demo files. */
  public static Future<DemoShopBackend> start(Vertx vertx, Pool pool, String host, int port, String apiKey) {
    return vertx.executeBlocking(DemoShop::policies).compose(policies -> {
      ServerVerticle verticle = new ServerVerticle(new DemoShopDatabase(pool, policies), host, port, apiKey);
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
    private final String host;
    private final int port;
    private final String apiKey;
    private volatile HttpServer server;

    ServerVerticle(DemoShopDatabase database, String host, int port, String apiKey) {
      this.database = database;
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
  }
}
