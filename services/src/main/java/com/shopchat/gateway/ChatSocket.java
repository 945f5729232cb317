package com.shopchat.gateway;

import com.shopchat.conversation.ChatMessage;
import com.shopchat.conversation.ChatService;
import com.shopchat.conversation.ChatService.Receipt;
import com.shopchat.conversation.ChatService.Started;
import com.shopchat.events.EventParser;
import com.shopchat.events.EventSource;
import com.shopchat.events.EventStore;
import com.shopchat.events.InvalidEvent;
import com.shopchat.gateway.InboundFrame.Hello;
import com.shopchat.handoff.Handoff;
import com.shopchat.handoff.HandoffService;
import com.shopchat.gateway.InboundFrame.Message;
import com.shopchat.identity.Redact;
import com.shopchat.identity.Shopper;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.identity.ShopperIdentity.Rejected;
import com.shopchat.identity.ShopperIdentity.Verified;
import com.shopchat.logging.LogContext;
import com.shopchat.store.DatabaseFaults;
import com.shopchat.store.ShopperRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.SequencedSet;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shopper's websocket: validates each frame, checks the shopper's signed identity and starts or resumes the
 * conversation on {@code hello}, replays what the client missed, then relays the conversation's new messages. Every message frame goes
 * out at most once per socket and in seq order, even while a replay and live traffic overlap.
 */
final class ChatSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

  /**
   * How long a message frame that came ahead of a seq not shown yet waits for it before the missing ones are read
   * from the store: messages are stored by different connections (and nodes), so their frames may be published out
   * of seq order, while a socket shows each conversation's seqs in order, each once.
   */
  static final long GAP_WAIT_MILLIS = 200;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final ChatService chat;
  private final ShopperIdentity identity;
  private final ShopperRepository shoppers;
  private final InboundFrame.Limits limits;
  private final RateLimiter rate;
  private final EventStore events;
  private final EventParser eventParser;
  private final HandoffService handoffs;
  private final Promise<Void> ready = Promise.promise();
  // Each message is stored only after the one before it, so seqs follow the order the shopper sent.
  private Future<?> inbound = Future.succeededFuture();
  private boolean helloSeen;
  private String conversationId;
  private String locale;
  private String visitorId;
  private String shopperId;
  private MessageConsumer<JsonObject> consumer;
  private int lastSentSeq;
  /** Message frames that came ahead of a missing seq, by seq: shown once the gap is filled. */
  private final TreeMap<Integer, JsonObject> ahead = new TreeMap<>();
  private long gapTimer = -1;
  // While the history is being replayed, live frames wait here so nothing overtakes the replay.
  private List<JsonObject> held = new ArrayList<>();
  // The handoff's state as last told to this socket (null: none): the shopper's typing reaches an agent only.
  private String handoffState;
  // Messages this socket could not store because the database was unreachable, in arrival order: until the first is
  // stored (resent), later messages are refused too, so none is stored ahead of one the shopper sent before it.
  private final SequencedSet<String> unstored = new LinkedHashSet<>();
  // Set once the server shuts down and this socket was told to reconnect: later frames are dropped unread.
  private boolean leaving;

  ChatSocket(Vertx vertx, ServerWebSocket ws, ChatService chat, ShopperIdentity identity, ShopperRepository shoppers,
             InboundFrame.Limits limits, RateLimiter rate, EventStore events, EventParser eventParser,
             HandoffService handoffs) {
    this.handoffs = handoffs;
    this.vertx = vertx;
    this.ws = ws;
    this.chat = chat;
    this.identity = identity;
    this.shoppers = shoppers;
    this.limits = limits;
    this.rate = rate;
    this.events = events;
    this.eventParser = eventParser;
  }

  void start() {
    start(() -> { });
  }

  /** As {@link #start()}; {@code closed} runs once the socket has closed. */
  void start(Runnable closed) {
    // Frames up to 4x the protocol limit are let through, to be answered with frame_too_large (MainVerticle).
    ws.frameHandler(new FrameReader(limits.maxFrameBytes() * 4, new FrameReader.Messages() {
      @Override
      public void text(String text) {
        // Each frame is a request of its own for the logs: its own id, and the conversation once there is one.
        LogContext.newRequest(conversationId, () -> onText(text));
      }

      @Override
      public void binary() {
        LogContext.newRequest(conversationId,
          () -> sendError(new ProtocolError("binary_not_supported", "send JSON text frames")));
      }

      @Override
      public void invalidText() {
        sendError(new ProtocolError("invalid_utf8", "a text frame must be UTF-8; closing"));
        ws.close((short) 1007, "invalid UTF-8");
      }

      @Override
      public void tooLarge() {
        ws.close((short) 1009, "message too large");
      }
    }));
    ws.exceptionHandler(e -> LOG.debug("websocket error: {}", e.toString()));
    ws.shutdownHandler(v -> leave());
    ws.closeHandler(v -> {
      if (consumer != null) {
        consumer.unregister();
      }
      if (gapTimer >= 0) {
        vertx.cancelTimer(gapTimer);
      }
      closed.run();
    });
  }

  /**
   * The server is shutting down (HttpServer.shutdown): the client is told to reconnect; frames it sends after that
   * are dropped unread — never acknowledged, so it resends them on its next socket — and the socket closes (1012)
   * once every message already on its way to the database is stored. An echo still on the event bus may be lost
   * with the socket; then the client resends that message and gets the stored echo back, nothing stored twice.
   * The server's shutdown timeout (SHUTDOWN_GRACE_SECONDS) closes the socket anyway if storing takes too long.
   */
  private void leave() {
    if (leaving) {
      return;
    }
    leaving = true;
    Reconnect.tell(ws);
    inbound.onComplete(done -> Reconnect.close(ws));
  }

  private void onText(String raw) {
    if (leaving) {
      return;
    }
    if (!rate.tryAcquire(System.nanoTime())) {
      if (rate.shouldWarn()) {
        sendError(new ProtocolError("rate_limited", "too many frames; slow down and resend what was refused"));
      }
      return;
    }
    try {
      switch (InboundFrame.parse(raw, limits)) {
        case Hello hello -> onHello(hello);
        case Message message -> onMessage(message);
        case InboundFrame.Typing typing -> onTyping();
        case InboundFrame.Event event -> onEvent(event);
        case InboundFrame.Rating rating -> onRating(rating);
        case InboundFrame.Contact contact -> onContact(contact);
      }
    } catch (ProtocolError e) {
      sendError(e);
    }
  }

  private void onHello(Hello hello) {
    if (helloSeen) {
      throw new ProtocolError("already_started", "this socket already said hello");
    }
    helloSeen = true;
    identify(hello)
      .compose(shopper -> chat.start(hello.visitorId(), hello.conversationId(), hello.locale(),
          shopper == null ? null : shopper.id())
        .compose(started -> welcome(hello, started, shopper)))
      .onSuccess(history -> {
        history.forEach(m -> deliverNow(m.toFrame()));
        List<JsonObject> live = held;
        held = null;
        live.forEach(this::deliver);
        ready.complete();
        tellHandoff();
        // Clustered: what another node stored while this subscription was spreading (else nothing).
        chat.catchUp(conversationId, () -> lastSentSeq)
          .onSuccess(missed -> missed.forEach(m -> deliverNow(m.toFrame())))
          .onFailure(e -> LOG.warn("catching up conversation {} failed: {}", conversationId, e.toString()));
        // What a server that died mid-turn left unanswered is answered now (after the replay: it arrives live).
        chat.answerPending(conversationId, locale)
          .onFailure(e -> LOG.warn("looking for unanswered messages in {} failed: {}", conversationId, e.toString()));
      })
      .onFailure(e -> {
        LOG.error("hello failed", e);
        if (consumer != null) {
          consumer.unregister();
          consumer = null;
        }
        held = new ArrayList<>();
        helloSeen = false;
        sendError(DatabaseFaults.unreachable(e)
          ? new ProtocolError("unavailable", "the chat cannot reach its storage right now; say hello again in a moment")
          : new ProtocolError("internal", "could not start the conversation; say hello again"));
      });
  }

  /**
   * The shopper the hello's identity token vouches for (stored when new), or {@code null}: no token, or one that
   * is no good, which the client is told with {@code identity_rejected} before its anonymous welcome.
   */
  private Future<Shopper> identify(Hello hello) {
    if (hello.identity() == null) {
      return Future.succeededFuture();
    }
    return switch (identity.verify(hello.identity())) {
      case Verified verified -> shoppers.ensure(verified.shopperId(), hello.locale());
      case Rejected rejected -> {
        LOG.debug("identity of visitor {} refused: {}", hello.visitorId(), rejected.reason().code());
        write(new ProtocolError("identity_rejected", rejected.message() + "; the chat continues anonymously")
          .toFrame().put("reason", rejected.reason().code()));
        yield Future.succeededFuture();
      }
    };
  }

  /** Subscribes to the conversation, sends the welcome and returns the history to replay. */
  private Future<List<ChatMessage>> welcome(Hello hello, Started started, Shopper shopper) {
    conversationId = started.conversation().id();
    LogContext.conversation(conversationId);
    locale = hello.locale();
    visitorId = hello.visitorId();
    shopperId = shopper == null ? null : shopper.id();
    // Subscribe before reading the history, so nothing published in between is missed;
    // what arrives meanwhile is held until the replay is out.
    consumer = chat.subscribe(conversationId, this::deliver);
    // The client's lastSeq counts in the conversation it named; for any other, replay everything.
    boolean named = started.resumed() && started.conversation().id().equals(hello.conversationId());
    int replayFrom = named ? hello.lastSeq() : 0;
    return consumer.completion()
      .compose(v -> chat.history(conversationId, replayFrom))
      .map(history -> {
        lastSentSeq = replayFrom;
        int lastSeq = history.isEmpty() ? started.conversation().lastSeq()
          : Math.max(started.conversation().lastSeq(), history.get(history.size() - 1).seq());
        write(new JsonObject().put("type", "welcome").put("conversationId", conversationId)
          .put("visitorId", hello.visitorId()).put("resumed", started.resumed()).put("lastSeq", lastSeq)
          .put("shopper", shopperFrame(shopper)));
        return history;
      });
  }

  private static JsonObject shopperFrame(Shopper shopper) {
    if (shopper == null) {
      return new JsonObject().put("verified", false);
    }
    JsonObject frame = new JsonObject().put("id", shopper.id()).put("verified", true);
    return shopper.name() == null ? frame : frame.put("name", shopper.name());
  }

  private void onMessage(Message message) {
    if (!helloSeen) {
      throw new ProtocolError("not_started", "say hello before sending messages", message.clientMsgId());
    }
    inbound = LogContext.here(inbound.transform(previous -> ready.future()))
      .compose(v -> {
        LogContext.conversation(conversationId);
        if (!unstored.isEmpty() && !unstored.getFirst().equals(message.clientMsgId())) {
          unstored.add(message.clientMsgId());
          return Future.failedFuture(new ProtocolError("unavailable", "an earlier message (" + unstored.getFirst()
            + ") is not stored yet; send this one again after it", message.clientMsgId()));
        }
        // Operators see what shoppers ask at debug level, never their emails or phone numbers.
        LOG.debug("{} received {}: {}", conversationId, message.clientMsgId(), Redact.personalData(message.text()));
        return chat.receive(conversationId, locale, message.clientMsgId(), message.text(), message.payload());
      })
      .onSuccess(receipt -> {
        unstored.remove(message.clientMsgId());
        acknowledgeResend(receipt);
      })
      .onFailure(e -> {
        if (e instanceof ProtocolError held) {
          sendError(held);
          return;
        }
        if (DatabaseFaults.unreachable(e)) {
          LOG.warn("storing a message in {} failed, the database is unreachable: {}", conversationId, e.toString());
          unstored.add(message.clientMsgId());
          sendError(new ProtocolError("unavailable", "the chat cannot store messages right now; this one was not "
            + "stored: send it again in a moment", message.clientMsgId()));
          return;
        }
        LOG.error("storing a message failed in {}", conversationId, e);
        sendError(new ProtocolError("internal", "the message was not stored; send it again", message.clientMsgId()));
      });
  }

  /** A resend is answered to this socket alone, even if it already showed those seqs. */
  private void acknowledgeResend(Receipt receipt) {
    if (!receipt.shopperMessage().duplicate()) {
      return;
    }
    write(receipt.shopperMessage().message().toFrame());
    ChatMessage reply = receipt.existingReply();
    if (reply != null) {
      write(reply.toFrame());
    }
  }

  /**
   * Stores a widget event as this socket's visitor (and verified shopper): whoever the frame claims to be is
   * ignored. Waits for the hello to finish, so the identity is known; acked once stored (or known already).
   */
  private void onEvent(InboundFrame.Event frame) {
    if (!helloSeen) {
      throw new ProtocolError("not_started", "say hello before sending events");
    }
    whenReady()
      .compose(v -> events.ingest(List.of(eventParser.fromWidget(frame.event(), visitorId, shopperId)),
        EventSource.WIDGET))
      .onSuccess(result -> write(new JsonObject().put("type", "event_ack").put("id", frame.id())
        .put("duplicate", result.accepted() == 0)))
      .onFailure(e -> {
        if (e instanceof InvalidEvent invalid) {
          write(new ProtocolError("invalid_event", invalid.getMessage()).toFrame().put("id", frame.id()));
          return;
        }
        LOG.error("storing a widget event failed for visitor {}", visitorId, e);
        write(new ProtocolError("internal", "the event was not stored; send it again").toFrame().put("id", frame.id()));
      });
  }

  private void onTyping() {
    if (!helloSeen) {
      throw new ProtocolError("not_started", "say hello before typing");
    }
    // Only an agent listens to the shopper's typing; the bot does not.
    if (Handoff.ASSIGNED.equals(handoffState)) {
      chat.publish(conversationId, new JsonObject().put("type", "typing").put("from", ChatMessage.SHOPPER));
    }
  }

  /** After the welcome and the replay: where the conversation's handoff stands, when it has one. */
  private void tellHandoff() {
    if (handoffs == null) {
      return;
    }
    handoffs.active(conversationId).compose(h -> h != null ? handoffs.shopperFrame(h)
        // None here: a chat an agent closed before a reload may still wait for its rating.
        : handoffs.repository().unratedClosed(visitorId).compose(closed -> closed == null
          ? Future.<JsonObject>succeededFuture()
          : handoffs.shopperFrame(closed).map(f -> f.put("conversationId", closed.conversationId()))))
      .onSuccess(frame -> {
        if (frame != null) {
          deliver(frame);
        }
      })
      .onFailure(e -> LOG.warn("reading the handoff of {} failed: {}", conversationId, e.toString()));
  }

  private void onRating(InboundFrame.Rating rating) {
    if (!helloSeen || handoffs == null) {
      throw new ProtocolError("not_started", "say hello before rating");
    }
    String rated = rating.conversationId() == null ? conversationId : rating.conversationId();
    whenReady().compose(v -> handoffs.repository().rate(rated, visitorId, rating.rating(), rating.comment()))
      .onSuccess(stored -> write(stored ? new JsonObject().put("type", "rating_ack").put("rating", rating.rating())
        : new ProtocolError("nothing_to_rate", "there is no closed chat with an agent to rate, or it was rated")
          .toFrame()))
      .onFailure(e -> {
        LOG.error("storing a rating failed in {}", conversationId, e);
        sendError(new ProtocolError("internal", "the rating was not stored; send it again"));
      });
  }

  private void onContact(InboundFrame.Contact contact) {
    if (!helloSeen || handoffs == null) {
      throw new ProtocolError("not_started", "say hello before leaving an email");
    }
    whenReady().compose(v -> handoffs.repository().contactEmail(conversationId, contact.email()))
      .onSuccess(stored -> write(stored ? new JsonObject().put("type", "contact_ack")
        : new ProtocolError("not_waiting", "this conversation is not waiting for a person").toFrame()))
      .onFailure(e -> {
        LOG.error("storing a contact email failed in {}", conversationId, e);
        sendError(new ProtocolError("internal", "the email was not stored; send it again"));
      });
  }

  /**
   * Completes once the hello is done, in this frame's context: the hello completes {@code ready} in its own, and
   * what follows here is this frame's work, logged with its ids.
   */
  private Future<Void> whenReady() {
    return LogContext.here(ready.future()).map(v -> {
      LogContext.conversation(conversationId);
      return v;
    });
  }

  private void deliver(JsonObject frame) {
    String type = frame.getString("type");
    if ("typing".equals(type) && ChatMessage.SHOPPER.equals(frame.getString("from"))) {
      return; // the shopper's own typing, on its way to the agent
    }
    if ("handoff".equals(type)) {
      handoffState = frame.getString("state");
    }
    if (held != null) {
      held.add(frame);
      return;
    }
    deliverNow(frame);
  }

  /**
   * Shows a frame; a message frame once, in seq order: one that comes ahead of a seq not shown yet waits (at most
   * {@link #GAP_WAIT_MILLIS}, then the missing messages are read from the store) and goes out right after it.
   */
  private void deliverNow(JsonObject frame) {
    Integer seq = frame.getInteger("seq");
    if (seq == null) {
      write(frame);
      return;
    }
    if (seq <= lastSentSeq) {
      return;
    }
    if (seq > lastSentSeq + 1) {
      ahead.putIfAbsent(seq, frame);
      if (gapTimer < 0) {
        gapTimer = vertx.setTimer(GAP_WAIT_MILLIS, id -> fillGap());
      }
      return;
    }
    lastSentSeq = seq;
    write(frame);
    while (!ahead.isEmpty() && ahead.firstKey() <= lastSentSeq + 1) {
      JsonObject next = ahead.pollFirstEntry().getValue();
      if (next.getInteger("seq") > lastSentSeq) {
        lastSentSeq = next.getInteger("seq");
        write(next);
      }
    }
    if (ahead.isEmpty() && gapTimer >= 0) {
      vertx.cancelTimer(gapTimer);
      gapTimer = -1;
    }
  }

  /** The gap did not fill by itself: the messages after the last one shown are read from the store and shown. */
  private void fillGap() {
    gapTimer = -1;
    if (ahead.isEmpty() || ws.isClosed()) {
      return;
    }
    chat.history(conversationId, lastSentSeq)
      .onSuccess(stored -> stored.forEach(m -> deliverNow(m.toFrame())))
      .onFailure(e -> LOG.warn("reading the messages missing from {} after seq {} failed: {}", conversationId,
        lastSentSeq, e.toString()))
      .onComplete(done -> {
        // Still a gap (the read failed, or found nothing yet): look again a little later, never give up on a frame.
        if (!ahead.isEmpty() && gapTimer < 0 && !ws.isClosed()) {
          gapTimer = vertx.setTimer(GAP_WAIT_MILLIS * 5, id -> fillGap());
        }
      });
  }

  private void sendError(ProtocolError error) {
    write(error.toFrame());
  }

  private void write(JsonObject frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }
}
