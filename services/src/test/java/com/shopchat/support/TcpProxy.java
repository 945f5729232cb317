package com.shopchat.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a free port of 127.0.0.1 in front of a real server (the shared PostgreSQL, or the chat server), so
 * a test can break the network between two real components without touching either: {@link #cut()} stops listening
 * and cuts every connection (a PostgreSQL restart, a server gone), {@link #restore()} listens again on the same
 * port; {@link #reset()} drops every connection at once with a TCP reset while new ones are still accepted (a
 * network blip); {@link #freeze()} stops carrying bytes on the open connections without closing them (half-open
 * connections, a dead NAT entry); {@link #cutMidChunk()} forwards only the first half of the next chunk a client
 * sends on each connection, then resets it (a connection dying mid-frame).
 */
public final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final List<Link> links = new ArrayList<>();
  private volatile boolean hung;
  private NetServer server;
  private int port;

  private TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    // SO_LINGER 0: closing a connection sends a reset, as a crashed peer or a broken route does.
    this.client = vertx.createNetClient(new NetClientOptions().setSoLinger(0).setConnectTimeout(5_000));
  }

  /** A proxy piping each connection it accepts to {@code targetHost:targetPort}. */
  public static TcpProxy start(Vertx vertx, String targetHost, int targetPort) throws Exception {
    TcpProxy proxy = new TcpProxy(vertx, targetHost, targetPort);
    proxy.listen(0);
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Connections open through the proxy now. */
  public int open() {
    synchronized (links) {
      return links.size();
    }
  }

  /** Listens again on the port it had: the target is reachable once more. */
  public void restore() throws Exception {
    listen(port);
  }

  /** Stops listening and resets every connection through it: the target is unreachable until {@link #restore()}. */
  public void cut() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    reset();
  }

  /** {@link #cut()} without waiting: callable from an event loop (a test's frame handler). */
  public Future<Void> cutNow() {
    return server.close().compose(v -> Future.join(snapshot().stream().map(Link::close).toList())).mapEmpty();
  }

  /** Resets every connection open now; new ones are still accepted. */
  public void reset() throws Exception {
    Future.join(snapshot().stream().map(Link::close).toList()).await(10, TimeUnit.SECONDS);
  }

  /** Stops carrying bytes both ways on every connection open now, leaving them open (half-open). */
  public void freeze() {
    vertx.runOnContext(v -> snapshot().forEach(Link::freeze));
  }

  /**
   * The target stops answering, as a frozen server or a black-holed route does: connections open now carry nothing
   * more either way, and new ones are accepted but carry nothing. Nothing is closed or reset. {@link #unhang()} ends it.
   */
  public void hang() {
    hung = true;
    freeze();
  }

  /** After {@link #hang()}: the hung connections are reset and new ones carry bytes again. */
  public void unhang() {
    hung = false;
    vertx.runOnContext(v -> snapshot().stream().filter(link -> link.frozen).forEach(Link::close));
  }

  /** On every connection open now, forwards half of the client's next chunk, then resets both sides. */
  public void cutMidChunk() {
    snapshot().forEach(link -> link.cutMidChunk = true);
  }

  private List<Link> snapshot() {
    synchronized (links) {
      return List.copyOf(links);
    }
  }

  private void listen(int onPort) throws Exception {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(onPort).setReuseAddress(true)
        .setSoLinger(0))
      .connectHandler(this::accept);
    port = server.listen().await(10, TimeUnit.SECONDS).actualPort();
  }

  private void accept(NetSocket front) {
    front.pause();
    client.connect(targetPort, targetHost).onSuccess(back -> {
      Link link = new Link(front, back);
      link.frozen = hung;
      synchronized (links) {
        links.add(link);
      }
      link.start();
    }).onFailure(e -> front.close());
  }

  private final class Link {
    private final NetSocket front;
    private final NetSocket back;
    private volatile boolean frozen;
    private volatile boolean cutMidChunk;

    Link(NetSocket front, NetSocket back) {
      this.front = front;
      this.back = back;
    }

    void start() {
      front.handler(buffer -> {
        if (frozen) {
          return;
        }
        if (cutMidChunk) {
          back.write(buffer.slice(0, Math.max(1, buffer.length() / 2)).copy()).onComplete(done -> close());
          frozen = true;
          return;
        }
        carry(buffer, front, back);
      });
      back.handler(buffer -> {
        if (!frozen) {
          carry(buffer, back, front);
        }
      });
      front.closeHandler(v -> close());
      back.closeHandler(v -> close());
      front.exceptionHandler(e -> close());
      back.exceptionHandler(e -> close());
      front.resume();
    }

    private void carry(Buffer buffer, NetSocket from, NetSocket to) {
      to.write(buffer);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    }

    void freeze() {
      frozen = true;
    }

    Future<Void> close() {
      synchronized (links) {
        links.remove(this);
      }
      return Future.join(front.close(), back.close()).<Void>mapEmpty().otherwiseEmpty();
    }
  }
}
