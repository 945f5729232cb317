package com.shopchat.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP connection for the abuse tests: it writes bytes no well-behaved client would (a request sent a
 * byte at a time and left unfinished, a websocket frame cut short, text frames that are not UTF-8), which the
 * Vert.x clients refuse to produce. What the server sends back is collected; the test polls, with a bound.
 */
public final class RawSocket implements AutoCloseable {

  private final NetClient client;
  private final NetSocket socket;
  private final StringBuffer received = new StringBuffer();
  private volatile boolean closed;

  private RawSocket(NetClient client, NetSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.handler(b -> received.append(b.toString(StandardCharsets.ISO_8859_1)));
    socket.closeHandler(v -> closed = true);
  }

  /** Connects to the server on 127.0.0.1. */
  public static RawSocket connect(Vertx vertx, int port) throws Exception {
    NetClient client = vertx.createNetClient();
    return new RawSocket(client, client.connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS));
  }

  /** Opens {@code path} as a websocket by hand (an upgrade request), waiting for the 101. */
  public static RawSocket websocket(Vertx vertx, int port, String path) throws Exception {
    RawSocket raw = connect(vertx, port);
    String key = Base64.getEncoder().encodeToString("abuse-suite-key!".getBytes(StandardCharsets.US_ASCII));
    raw.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII));
    raw.awaitReceived(r -> r.contains("\r\n\r\n"), Duration.ofSeconds(10));
    if (!raw.received().startsWith("HTTP/1.1 101")) {
      throw new AssertionError("upgrade refused: " + raw.received());
    }
    raw.received.setLength(0);
    return raw;
  }

  public RawSocket write(byte[] bytes) throws Exception {
    socket.write(Buffer.buffer(bytes)).await(10, TimeUnit.SECONDS);
    return this;
  }

  /** Writes one byte per write, as a slowloris client trickles its request. */
  public RawSocket trickle(byte[] bytes) throws Exception {
    for (byte b : bytes) {
      write(new byte[] {b});
    }
    return this;
  }

  /** A client-to-server websocket frame (always masked, as RFC 6455 requires of clients), final. */
  public static byte[] frame(int opcode, byte[] payload, long seed) {
    int len = payload.length;
    int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
    byte[] out = new byte[header + 4 + len];
    out[0] = (byte) (0x80 | opcode);
    if (len < 126) {
      out[1] = (byte) (0x80 | len);
    } else if (len < 65536) {
      out[1] = (byte) (0x80 | 126);
      out[2] = (byte) (len >>> 8);
      out[3] = (byte) len;
    } else {
      out[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        out[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
      }
    }
    byte[] mask = new byte[4];
    new Random(seed).nextBytes(mask);
    System.arraycopy(mask, 0, out, header, 4);
    for (int i = 0; i < len; i++) {
      out[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return out;
  }

  /** What the server has sent so far, bytes as ISO-8859-1 characters. */
  public String received() {
    return received.toString();
  }

  public boolean closed() {
    return closed;
  }

  /** Waits, with a bound, until what was received passes the check; fails otherwise. */
  public void awaitReceived(java.util.function.Predicate<String> check, Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!check.test(received()) && System.nanoTime() < deadline) {
      pause();
    }
    if (!check.test(received())) {
      throw new AssertionError("not received within " + bound + "; got: " + received());
    }
  }

  /** Waits, with a bound, for the server to close the connection; returns how long it took. */
  public Duration awaitClosed(Duration bound) throws Exception {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (!closed && System.nanoTime() < deadline) {
      pause();
    }
    if (!closed) {
      throw new AssertionError("the server kept the connection open for more than " + bound);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** A short wait that is not a sleep: parks on a queue that nothing fills. */
  private static void pause() throws InterruptedException {
    new java.util.concurrent.SynchronousQueue<>().poll(20, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (!closed) {
      socket.close();
    }
    client.close();
  }
}
