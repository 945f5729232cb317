package com.shopchat.support;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A shopper's client that behaves as the widget does (webchat/.../widget/connection.js) when the network or the
 * server fails: every message waits in an outbox until its echo arrives; after any close it reconnects by itself
 * (short backoff) and says hello with the conversation and the highest seq it has shown, takes the replay, then
 * resends the outbox in order with the same {@code clientMsgId}s; an {@code internal} or {@code unavailable} error
 * naming a message still in the outbox makes it resend the outbox after a pause; a hello that fails or gets no
 * welcome in time makes it reconnect. Each seq is shown once.
 *
 * <p>It counts for the test what was sent, acknowledged (echoed), and delivered (shown), and notes every frame that
 * breaks the protocol's promises: a seq twice on one socket, a seq out of order on one socket, a second bot reply
 * to one message, a welcome for another conversation. All its state lives on one Vert.x context; the test reads it
 * through the synchronized accessors.
 */
public final class ResilientShopper implements AutoCloseable {

  private static final long WELCOME_TIMEOUT_MS = 3_000;
  private static final long RESEND_PAUSE_MS = 200;

  private final Vertx vertx;
  private final Context context;
  private final WebSocketClient client;
  private final String host;
  private final int port;
  private final String visitorId;
  private final long reconnectDelayMs;

  private String conversationId;
  private int lastSeq;
  private WebSocket ws;
  private boolean welcomed;
  private boolean ready;
  private int replayTarget;
  private boolean stopped;
  private long resendTimer = -1;
  private long welcomeTimer = -1;
  private int sentCount;
  // What the test reads.
  private final LinkedHashMap<String, String> outbox = new LinkedHashMap<>();
  private final List<String> sent = new ArrayList<>();
  private final Map<String, Integer> echoed = new HashMap<>();
  private final Map<String, Long> echoedAtNanos = new HashMap<>();
  private final List<Integer> shown = new ArrayList<>();
  private final Set<Integer> shownSet = new HashSet<>();
  private final Map<Integer, Integer> botReplies = new HashMap<>();
  private final Map<Integer, JsonObject> botReplyFrames = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private final List<JsonObject> errors = new ArrayList<>();
  private int connections;
  private int repeats;
  private java.util.function.Consumer<JsonObject> watcher;
  private final List<String> closes = new ArrayList<>();
  private int welcomes;
  // Per socket.
  private Set<Integer> seqsOnSocket = new HashSet<>();
  private int lastSeqOnSocket;

  private ResilientShopper(Vertx vertx, String host, int port, String visitorId, long reconnectDelayMs) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(5_000));
    this.host = host;
    this.port = port;
    this.visitorId = visitorId;
    this.reconnectDelayMs = reconnectDelayMs;
  }

  /** Starts connecting to {@code host:port} as {@code visitorId} (a new conversation on the first welcome). */
  public static ResilientShopper start(Vertx vertx, int port, String visitorId) {
    return start(vertx, "127.0.0.1", port, visitorId, 100);
  }

  public static ResilientShopper start(Vertx vertx, String host, int port, String visitorId, long reconnectDelayMs) {
    ResilientShopper shopper = new ResilientShopper(vertx, host, port, visitorId, reconnectDelayMs);
    shopper.context.runOnContext(v -> shopper.connect());
    return shopper;
  }

  /** {@code count} shoppers on the server at 127.0.0.1:{@code port}, visitors {@code prefix0}, {@code prefix1}, … */
  public static List<ResilientShopper> startAll(Vertx vertx, int port, String prefix, int count) {
    List<ResilientShopper> shoppers = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      shoppers.add(start(vertx, port, prefix + i));
    }
    return shoppers;
  }

  /** Each shopper types {@code text}; their client ids, in the shoppers' order. */
  public static List<String> sayEach(List<ResilientShopper> shoppers, String text) {
    return shoppers.stream().map(s -> s.say(text)).toList();
  }

  /** Waits, with a bound for each, until every shopper's messages are echoed and answered. */
  public static void awaitAllSettled(List<ResilientShopper> shoppers, Duration bound) throws Exception {
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(bound);
    }
  }

  public String visitorId() {
    return visitorId;
  }

  /** Types a message: it goes out now when the socket is ready, else after the next welcome and replay. */
  public String say(String text) {
    String id;
    synchronized (this) {
      id = visitorId + "-m" + (++sentCount);
      outbox.put(id, text);
      sent.add(id);
    }
    context.runOnContext(v -> {
      // Unless the socket became ready meanwhile and sent the outbox, this one included.
      if (ready && isPending(id)) {
        send(id, text);
      }
    });
    return id;
  }

  /** Closes the current socket from the client's side (as a page going offline would), then reconnects. */
  public void dropConnection() {
    context.runOnContext(v -> {
      if (ws != null) {
        ws.close();
      }
    });
  }

  /**
   * Forgets the current socket without closing it and opens a new one (the widget's "online" event after a
   * half-open connection: the old socket is left to the server's idle timeout).
   */
  public void abandonConnection() {
    context.runOnContext(v -> {
      WebSocket old = ws;
      if (old != null) {
        old.textMessageHandler(null);
        old.closeHandler(null);
      }
      dropSocket();
      connect();
    });
  }

  private void connect() {
    if (stopped || ws != null) {
      return;
    }
    client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/chat/ws"))
      .onComplete(done -> {
        if (done.failed()) {
          scheduleReconnect();
          return;
        }
        WebSocket socket = done.result();
        if (stopped || ws != null) {
          socket.close();
          return;
        }
        ws = socket;
        synchronized (this) {
          connections++;
        }
        seqsOnSocket = new HashSet<>();
        lastSeqOnSocket = 0;
        socket.textMessageHandler(text -> {
          if (socket == ws) {
            onFrame(new JsonObject(text));
          }
        });
        socket.exceptionHandler(e -> { });
        socket.closeHandler(v -> {
          synchronized (this) {
            closes.add(socket.closeStatusCode() + " " + socket.closeReason());
          }
          if (socket == ws) {
            dropSocket();
            scheduleReconnect();
          }
        });
        JsonObject hello = new JsonObject().put("type", "hello").put("visitorId", visitorId).put("locale", "en")
          .put("lastSeq", lastSeq);
        if (conversationId != null) {
          hello.put("conversationId", conversationId);
        }
        socket.writeTextMessage(hello.encode());
        welcomeTimer = vertx.setTimer(WELCOME_TIMEOUT_MS, id -> {
          if (socket == ws && !welcomed) {
            restart();
          }
        });
      });
  }

  private void dropSocket() {
    ws = null;
    welcomed = false;
    ready = false;
    vertx.cancelTimer(resendTimer);
    vertx.cancelTimer(welcomeTimer);
  }

  private void restart() {
    WebSocket old = ws;
    dropSocket();
    if (old != null) {
      old.close();
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (!stopped) {
      vertx.setTimer(reconnectDelayMs / 2 + (long) (Math.random() * reconnectDelayMs), id -> connect());
    }
  }

  /** Also hands every frame this shopper receives to {@code watcher}, on the event loop (a test's trigger). */
  public void watch(java.util.function.Consumer<JsonObject> watcher) {
    context.runOnContext(v -> this.watcher = watcher);
  }

  private void onFrame(JsonObject frame) {
    if (watcher != null) {
      watcher.accept(frame);
    }
    switch (String.valueOf(frame.getString("type"))) {
      case "welcome" -> onWelcome(frame);
      case "message" -> onMessage(frame);
      case "error" -> onError(frame);
      default -> { }
    }
  }

  private void onWelcome(JsonObject frame) {
    vertx.cancelTimer(welcomeTimer);
    welcomed = true;
    String id = frame.getString("conversationId");
    synchronized (this) {
      welcomes++;
      if (conversationId == null) {
        conversationId = id;
      } else if (!conversationId.equals(id)) {
        violations.add("welcome for another conversation: " + id + " instead of " + conversationId);
      }
    }
    replayTarget = frame.getInteger("lastSeq", 0);
    if (lastSeq >= replayTarget) {
      finishReplay();
    }
  }

  private void finishReplay() {
    if (ready) {
      return;
    }
    ready = true;
    resendOutbox();
  }

  private void resendOutbox() {
    List<Map.Entry<String, String>> pending;
    synchronized (this) {
      pending = List.copyOf(outbox.entrySet());
    }
    pending.forEach(e -> send(e.getKey(), e.getValue()));
  }

  private void send(String id, String text) {
    ws.writeTextMessage(new JsonObject().put("type", "message").put("clientMsgId", id).put("text", text).encode());
  }

  private synchronized boolean isPending(String id) {
    return outbox.containsKey(id);
  }

  private void onMessage(JsonObject frame) {
    int seq = frame.getInteger("seq");
    synchronized (this) {
      // A seq again on one socket is the answer to a resend (docs/protocol.md), which the client shows once;
      // a new seq must come after every seq before it.
      if (!seqsOnSocket.add(seq)) {
        repeats++;
      } else if (seq <= lastSeqOnSocket) {
        violations.add("seq " + seq + " after " + lastSeqOnSocket + " on one socket");
      }
      lastSeqOnSocket = Math.max(lastSeqOnSocket, seq);
      if (shownSet.add(seq)) {
        shown.add(seq);
        lastSeq = Math.max(lastSeq, seq);
      }
      String from = frame.getString("from");
      String clientMsgId = frame.getString("clientMsgId");
      if ("shopper".equals(from) && clientMsgId != null) {
        outbox.remove(clientMsgId);
        Integer before = echoed.putIfAbsent(clientMsgId, seq);
        echoedAtNanos.putIfAbsent(clientMsgId, System.nanoTime());
        if (before != null && before != seq) {
          violations.add(clientMsgId + " echoed as seq " + before + " and as seq " + seq);
        }
      } else if ("bot".equals(from)) {
        Integer replyTo = frame.getInteger("replyTo");
        Integer before = botReplies.putIfAbsent(replyTo, seq);
        botReplyFrames.putIfAbsent(replyTo, frame);
        if (before != null && before != seq) {
          violations.add("a second bot reply (seq " + seq + ") to seq " + replyTo + " (answered by " + before + ")");
        }
      }
    }
    if (!ready && welcomed && seq >= replayTarget) {
      finishReplay();
    }
  }

  private void onError(JsonObject frame) {
    synchronized (this) {
      errors.add(frame);
    }
    if (!welcomed) {
      // The hello failed (the database is down, say): connect again a little later.
      restart();
      return;
    }
    String code = frame.getString("code");
    String id = frame.getString("clientMsgId");
    boolean pending;
    synchronized (this) {
      pending = id != null && outbox.containsKey(id);
    }
    if (pending && ("internal".equals(code) || "unavailable".equals(code))) {
      vertx.cancelTimer(resendTimer);
      resendTimer = vertx.setTimer(RESEND_PAUSE_MS, t -> {
        if (ready) {
          resendOutbox();
        }
      });
    }
  }

  // ---- What the test reads.

  public synchronized String conversationId() {
    return conversationId;
  }

  /** The clientMsgIds typed, in typing order. */
  public synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  /** clientMsgId → the seq its echo carried. */
  public synchronized Map<String, Integer> echoed() {
    return Map.copyOf(echoed);
  }

  /** When each echo arrived ({@link System#nanoTime()}). */
  public synchronized Map<String, Long> echoedAtNanos() {
    return Map.copyOf(echoedAtNanos);
  }

  /** Every seq shown, in the order shown, each once. */
  public synchronized List<Integer> shown() {
    return List.copyOf(shown);
  }

  /** The replied-to shopper seq → the bot reply's seq. */
  public synchronized Map<Integer, Integer> botReplies() {
    return Map.copyOf(botReplies);
  }

  /** The bot's reply to the shopper message with that seq, as delivered, or null. */
  public synchronized JsonObject botReplyTo(int seq) {
    return botReplyFrames.get(seq);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized List<JsonObject> errors() {
    return List.copyOf(errors);
  }

  /** How each socket ended: close code and reason. */
  public synchronized List<String> closes() {
    return List.copyOf(closes);
  }

  public synchronized int connections() {
    return connections;
  }

  public synchronized int welcomes() {
    return welcomes;
  }

  public synchronized int outboxSize() {
    return outbox.size();
  }

  /** Whether every typed message is echoed and answered by the bot. */
  public synchronized boolean settled() {
    if (!outbox.isEmpty() || echoed.size() != sent.size()) {
      return false;
    }
    return echoed.values().stream().allMatch(botReplies::containsKey);
  }

  /** Waits, with a bound, until every typed message is echoed and answered. */
  public void awaitSettled(Duration bound) throws Exception {
    awaitTrue(vertx, bound, this::settled, () -> "not settled: " + describe());
  }

  public synchronized String describe() {
    Map<String, Long> codes = new java.util.TreeMap<>();
    errors.forEach(e -> codes.merge(String.valueOf(e.getString("code")), 1L, Long::sum));
    return visitorId + " conversation " + conversationId + " sent " + sent.size() + " echoed " + echoed.size()
      + " outbox " + outbox.keySet() + " bot replies " + botReplies.size() + " connections " + connections
      + " welcomes " + welcomes + " repeated seqs " + repeats + " closes "
      + closes.subList(0, Math.min(5, closes.size())) + " errors " + codes + " violations " + violations;
  }

  /** Polls {@code condition} every 20 ms until it holds or {@code bound} passes (then fails with the message). */
  public static void awaitTrue(Vertx vertx, Duration bound, BooleanSupplier condition,
                               java.util.function.Supplier<String> message) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message.get());
      }
      vertx.timer(20).await(1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    context.runOnContext(v -> {
      stopped = true;
      if (ws != null) {
        WebSocket socket = ws;
        dropSocket();
        socket.close();
      }
      client.close();
    });
  }
}
