package com.shopchat.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real websocket client for tests: frames arrive in a queue and the test waits for the one it expects,
 * with a bound, instead of sleeping.
 */
public final class ChatClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);

  // Held for the socket's lifetime: Vert.x closes a client that becomes unreachable, and with it
  // its connections ("Connection evicted"), which would cut the socket off at the next GC.
  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private volatile boolean closed;
  private volatile Short closeStatus;

  private ChatClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> {
      closeStatus = ws.closeStatusCode();
      closed = true;
    });
  }

  public static ChatClient connect(Vertx vertx, int port) throws Exception {
    return connect(vertx, new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI("/chat/ws"));
  }

  public static ChatClient connect(Vertx vertx, WebSocketConnectOptions options) throws Exception {
    // Large enough to send the oversized frames the protocol tests need.
    WebSocketClientOptions clientOptions = new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20);
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    try {
      return new ChatClient(client, client.connect(options).await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      client.close();
      throw e;
    }
  }

  public ChatClient send(JsonObject frame) throws Exception {
    return sendText(frame.encode());
  }

  public ChatClient sendText(String text) throws Exception {
    ws.writeTextMessage(text).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public ChatClient sendBinary(byte[] bytes) throws Exception {
    ws.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(bytes)).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Sends hello and returns the welcome. */
  public JsonObject hello(String visitorId, String conversationId, Integer lastSeq, String locale) throws Exception {
    return hello(visitorId, conversationId, lastSeq, locale, null);
  }

  /** Sends hello with the shop's signed identity token (when not null) and returns the welcome. */
  public JsonObject hello(String visitorId, String conversationId, Integer lastSeq, String locale, String identity)
    throws Exception {
    JsonObject hello = new JsonObject().put("type", "hello").put("visitorId", visitorId).put("locale", locale);
    if (identity != null) {
      hello.put("identity", identity);
    }
    if (conversationId != null) {
      hello.put("conversationId", conversationId);
    }
    if (lastSeq != null) {
      hello.put("lastSeq", lastSeq);
    }
    send(hello);
    return await(f -> "welcome".equals(f.getString("type")));
  }

  public ChatClient say(String clientMsgId, String text) throws Exception {
    return send(new JsonObject().put("type", "message").put("clientMsgId", clientMsgId).put("text", text));
  }

  /** The next frame that matches, skipping others; fails after {@link #WAIT}. */
  public JsonObject await(Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      if (frame == null) {
        throw new AssertionError("no matching frame within " + WAIT + "; frames seen: " + seen);
      }
      seen.add(frame);
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  /**
   * The next frame that matches within {@code wait}, skipping others, or {@code null}: for a signal that is sent
   * again until it is seen (typing).
   */
  public JsonObject poll(Predicate<JsonObject> wanted, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      if (frame == null) {
        return null;
      }
      seen.add(frame);
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  /** The next {@code message} frame from that sender. */
  public JsonObject awaitMessage(String from) throws InterruptedException {
    return await(f -> "message".equals(f.getString("type")) && from.equals(f.getString("from")));
  }

  public JsonObject awaitError() throws InterruptedException {
    return await(f -> "error".equals(f.getString("type")));
  }

  /** Every frame received so far (consumed or not), in order. */
  public List<JsonObject> seen() {
    List<JsonObject> all = new ArrayList<>(seen);
    all.addAll(frames);
    return all;
  }

  /** Whether the socket has closed (either side). */
  public boolean closed() {
    return closed;
  }

  /** Waits, with a bound, for the server to close the socket; returns its close status. */
  public Short awaitClosed() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!closed && System.nanoTime() < deadline) {
      JsonObject frame = frames.poll(50, TimeUnit.MILLISECONDS);
      if (frame != null) {
        seen.add(frame);
      }
    }
    if (!closed) {
      throw new AssertionError("socket still open after " + WAIT);
    }
    return closeStatus;
  }

  @Override
  public void close() {
    if (!closed) {
      ws.close();
    }
    client.close();
  }
}
