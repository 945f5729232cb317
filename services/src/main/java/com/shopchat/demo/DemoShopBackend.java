package com.shopchat.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;

/**
 * The demo shop's backend: {@link DemoShopApi} over the demo tables, on an HTTP server of its own, so it comes
 * and goes apart from the chat server as a real shop's system would (tests stop it to play an outage).
 */
public final class DemoShopBackend {

  private final HttpServer server;
  private final String host;

  private DemoShopBackend(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /** Listens on {@code host:port} (0 picks a free port) once the policies are read from the demo files. */
  public static Future<DemoShopBackend> start(Vertx vertx, Pool pool, String host, int port, String apiKey) {
    return vertx.executeBlocking(DemoShop::policies)
      .compose(policies -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(DemoShopApi.router(vertx, new DemoShopDatabase(pool, policies), apiKey))
        .listen())
      .map(server -> new DemoShopBackend(server, host));
  }

  public int port() {
    return server.actualPort();
  }

  /** Where a client reaches it, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://" + host + ":" + port();
  }

  public Future<Void> close() {
    return server.close();
  }
}
