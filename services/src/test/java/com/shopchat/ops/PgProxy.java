package com.shopchat.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of the machine's PostgreSQL, so a test can make the database unreachable for one server
 * (close the proxy and every connection through it) and reachable again (listen on the same port), while the
 * PostgreSQL that other tests share keeps running.
 */
final class PgProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = new HashSet<>();
  private NetServer server;
  private int port;

  private PgProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  /** A proxy listening on a free port of 127.0.0.1, piping each connection to {@code targetHost:targetPort}. */
  static PgProxy start(Vertx vertx, String targetHost, int targetPort) throws Exception {
    PgProxy proxy = new PgProxy(vertx, targetHost, targetPort);
    proxy.listen(0);
    return proxy;
  }

  int port() {
    return port;
  }

  /** Listens again on the port it had: PostgreSQL is reachable once more. */
  void reopen() throws Exception {
    listen(port);
  }

  /** Stops listening and cuts every connection through it: PostgreSQL is unreachable. */
  void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    List<NetSocket> open;
    synchronized (sockets) {
      open = List.copyOf(sockets);
    }
    Future.join(open.stream().map(NetSocket::close).toList()).await(10, TimeUnit.SECONDS);
  }

  private void listen(int onPort) throws Exception {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(onPort).setReuseAddress(true))
      .connectHandler(this::pipe);
    port = server.listen().await(10, TimeUnit.SECONDS).actualPort();
  }

  private void pipe(NetSocket front) {
    front.pause();
    track(front);
    client.connect(targetPort, targetHost).onSuccess(back -> {
      track(back);
      front.pipeTo(back);
      back.pipeTo(front);
      front.resume();
    }).onFailure(e -> front.close());
  }

  private void track(NetSocket socket) {
    synchronized (sockets) {
      sockets.add(socket);
    }
    socket.closeHandler(v -> {
      synchronized (sockets) {
        sockets.remove(socket);
      }
    });
  }
}
