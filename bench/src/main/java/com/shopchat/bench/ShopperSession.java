package com.shopchat.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark shopper on a real websocket: says hello, then on each {@link Phase} sends its script's turns and
 * waits for each reply, the way a person waits before typing again. A turn is timed from the frame's send to the
 * bot's {@code message} whose {@code replyTo} is the seq the server echoed for that {@code clientMsgId}
 * (docs/protocol.md). Everything a session does runs on its socket's event loop.
 */
final class ShopperSession {

  /**
   * One measured stretch: {@code intervalNanos} between a session's turns (0: the next turn as soon as the reply
   * is in), until {@code deadlineNanos} or {@code maxTurns}; {@code done} is called once per session.
   */
  record Phase(TurnStats stats, long intervalNanos, long deadlineNanos, int maxTurns, long turnTimeoutMillis,
      Runnable done) {}

  private final Vertx vertx;
  private final Context context;
  private final WebSocket ws;
  private final String name;
  private final ShopperScript script;
  private final TurnStats connectionStats;
  private Promise<Void> welcomed = Promise.promise();
  private boolean closed;

  private Phase phase;
  private boolean phaseOver = true;
  private int turnsInPhase;
  private long dueNanos;
  private long sentNanos;
  private String pendingId;
  private long pendingSeq = -1;
  private long timer = -1;
  private long counter;

  private ShopperSession(Vertx vertx, WebSocket ws, String name, ShopperScript script, TurnStats connectionStats) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.ws = ws;
    this.name = name;
    this.script = script;
    this.connectionStats = connectionStats;
    ws.textMessageHandler(this::onFrame);
    ws.closeHandler(v -> onClose());
  }

  /** Connects, says hello as visitor {@code name} and completes on the welcome (or fails after the timeout). */
  static Future<ShopperSession> open(Vertx vertx, WebSocketClient client, int port, String name, String locale,
      ShopperScript script, TurnStats connectionStats, long timeoutMillis) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/chat/ws").setTimeout(timeoutMillis);
    return client.connect(options).compose(ws -> {
      ShopperSession session = new ShopperSession(vertx, ws, name, script, connectionStats);
      long t = vertx.setTimer(timeoutMillis,
        id -> session.welcomed.tryFail("no welcome within " + timeoutMillis + " ms"));
      ws.writeTextMessage(new JsonObject().put("type", "hello").put("visitorId", name).put("locale", locale).encode());
      return session.welcomed.future().onComplete(ar -> vertx.cancelTimer(t)).map(session);
    });
  }

  /** Starts a phase on this session's event loop. */
  void run(Phase next) {
    context.runOnContext(v -> {
      phase = next;
      phaseOver = false;
      turnsInPhase = 0;
      long now = System.nanoTime();
      // A random first offset spreads the sessions' turns evenly over the interval instead of in bursts.
      dueNanos = now + (next.intervalNanos() == 0 ? 0 : ThreadLocalRandom.current().nextLong(next.intervalNanos()));
      scheduleNext();
    });
  }

  Future<Void> close() {
    return ws.close();
  }

  private void scheduleNext() {
    long now = System.nanoTime();
    if (closed || now >= phase.deadlineNanos() || turnsInPhase >= phase.maxTurns()) {
      endPhase();
      return;
    }
    long delayMillis = TimeUnit.NANOSECONDS.toMillis(dueNanos - now);
    if (delayMillis < 1) {
      sendTurn();
    } else {
      timer = vertx.setTimer(delayMillis, id -> sendTurn());
    }
  }

  private void sendTurn() {
    if (closed || System.nanoTime() >= phase.deadlineNanos()) {
      endPhase();
      return;
    }
    pendingId = name + "-" + (++counter);
    pendingSeq = -1;
    turnsInPhase++;
    sentNanos = System.nanoTime();
    ws.writeTextMessage(new JsonObject().put("type", "message").put("clientMsgId", pendingId)
      .put("text", script.next()).encode());
    long turnId = counter;
    timer = vertx.setTimer(phase.turnTimeoutMillis(), id -> onTimeout(turnId));
  }

  private void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    String type = frame.getString("type", "");
    if ("welcome".equals(type)) {
      welcomed.tryComplete();
    } else if ("message".equals(type)) {
      onMessage(frame);
    } else if ("error".equals(type)) {
      onError(frame);
    }
  }

  private void onMessage(JsonObject frame) {
    if (pendingId == null) {
      return;
    }
    String from = frame.getString("from");
    if ("shopper".equals(from) && pendingId.equals(frame.getString("clientMsgId"))) {
      pendingSeq = frame.getLong("seq", -1L);
    } else if ("bot".equals(from) && pendingSeq >= 0 && pendingSeq == frame.getLong("replyTo", -2L)) {
      JsonObject intent = frame.getJsonObject("intent");
      JsonArray cards = frame.getJsonArray("cards");
      phase.stats().turn(sentNanos, dueNanos, System.nanoTime(), intent == null ? null : intent.getString("name"),
        cards != null && !cards.isEmpty());
      finishTurn();
    }
  }

  private void onError(JsonObject frame) {
    if (phase == null || phaseOver) {
      connectionStats.error(frame.getString("code"));
      welcomed.tryFail("error " + frame.getString("code"));
      return;
    }
    phase.stats().error(frame.getString("code"));
    if (pendingId != null) {
      finishTurn();
    }
  }

  private void onTimeout(long turnId) {
    if (pendingId != null && counter == turnId) {
      phase.stats().timeouts.increment();
      finishTurn();
    }
  }

  private void finishTurn() {
    vertx.cancelTimer(timer);
    pendingId = null;
    long now = System.nanoTime();
    // Paced: the next turn is due one interval after this one was due, sent at once when the reply came late.
    dueNanos = phase.intervalNanos() == 0 ? now : dueNanos + phase.intervalNanos();
    scheduleNext();
  }

  private void onClose() {
    closed = true;
    welcomed.tryFail("closed before the welcome");
    if (phase != null && !phaseOver) {
      phase.stats().closedSockets.increment();
      vertx.cancelTimer(timer);
      endPhase();
    }
  }

  private void endPhase() {
    if (!phaseOver) {
      phaseOver = true;
      pendingId = null;
      phase.done().run();
    }
  }
}
