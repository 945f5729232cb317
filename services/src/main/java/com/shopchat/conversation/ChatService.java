package com.shopchat.conversation;

import com.shopchat.dialogue.BotReply;
import com.shopchat.events.ChatSearches;
import com.shopchat.events.EventStore;
import com.shopchat.handoff.Handoff;
import com.shopchat.handoff.HandoffService;
import com.shopchat.handoff.HandoffTopics;
import com.shopchat.logging.LogContext;
import com.shopchat.dialogue.DialogueManager;
import com.shopchat.dialogue.DialogueState;
import com.shopchat.dialogue.DialogueTurn;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.serve.IntentParser;
import com.shopchat.ops.Metrics;
import com.shopchat.ops.Metrics.Stage;
import com.shopchat.store.ConversationRepository;
import com.shopchat.store.DatabaseFaults;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation use cases behind the websocket: start or resume a conversation, store what the shopper
 * says exactly once, and run the bot's turn (NLU → dialogue → stored reply). New messages are published
 * on the conversation's event-bus address, so every socket showing that conversation receives them.
 * Its methods are called from one event loop.
 */
public final class ChatService {

  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final int REPLAY_PAGE = 500;
  // The most unanswered messages a resume answers (a shopper typing on while the bot was down gets the last few).
  private static final int PENDING_TURNS_MAX = 5;
  /** How long a bot turn keeps trying while the database is unreachable, and its pauses between tries. */
  static final Duration TURN_RETRY_BOUND = Duration.ofMinutes(2);
  private static final Duration TURN_RETRY_FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration TURN_RETRY_MAX_PAUSE = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final ConversationRepository conversations;
  private final IntentParser nlu;
  private final DialogueManager dialogue;
  private final EventStore events;
  private final HandoffService handoffs;
  private final Metrics metrics;
  private final TurnObserver observer;
  // Bot turns of one conversation run one after another, so each sees the state the previous one left.
  private final Map<String, Future<Void>> turnQueues = new HashMap<>();
  /** The shopper messages whose bot turn is queued or running on this server, by conversation. */
  private final Map<String, Set<Integer>> queuedSeqs = new HashMap<>();

  public ChatService(Vertx vertx, ConversationRepository conversations, IntentParser nlu, DialogueManager dialogue) {
    this(vertx, conversations, nlu, dialogue, null);
  }

  /** With {@code events}: what shoppers ask the bot for is recorded as searches in their profiles (issue 6). */
  public ChatService(Vertx vertx, ConversationRepository conversations, IntentParser nlu, DialogueManager dialogue,
                     EventStore events) {
    this(vertx, conversations, nlu, dialogue, events, null);
  }

  /**
   * With {@code handoffs}: a bot reply that hands over queues the conversation for a person, and while a person
   * is asked for or holds it the bot stays silent (issue 7).
   */
  public ChatService(Vertx vertx, ConversationRepository conversations, IntentParser nlu, DialogueManager dialogue,
                     EventStore events, HandoffService handoffs) {
    this(vertx, conversations, nlu, dialogue, events, handoffs, Metrics.NONE);
  }

  /** With {@code metrics}: each bot turn's latency by stage, its intent, fallbacks and handoffs (issue 10). */
  public ChatService(Vertx vertx, ConversationRepository conversations, IntentParser nlu, DialogueManager dialogue,
                     EventStore events, HandoffService handoffs, Metrics metrics) {
    this(vertx, conversations, nlu, dialogue, events, handoffs, metrics, TurnObserver.NONE);
  }

  /** With {@code observer}: told of every answered turn (the NLU inbox of the learning loop, issue 9). */
  public ChatService(Vertx vertx, ConversationRepository conversations, IntentParser nlu, DialogueManager dialogue,
                     EventStore events, HandoffService handoffs, Metrics metrics, TurnObserver observer) {
    this.observer = observer;
    this.metrics = metrics;
    this.vertx = vertx;
    this.conversations = conversations;
    this.nlu = nlu;
    this.dialogue = dialogue;
    this.events = events;
    this.handoffs = handoffs;
  }

  /** The event-bus address on which a conversation's new messages and typing signals are published. */
  public static String address(String conversationId) {
    return "chat.conversation." + conversationId;
  }

  /** Delivers every frame published on the conversation's address until the consumer is unregistered. */
  public MessageConsumer<JsonObject> subscribe(String conversationId, Handler<JsonObject> frames) {
    return vertx.eventBus().<JsonObject>consumer(address(conversationId), m -> frames.handle(m.body()));
  }

  /**
   * With several nodes, how long a new subscription may take to be known cluster-wide: until then a message another
   * node stores and publishes may not be relayed to it (about a second with Hazelcast; measured in ClusterTest).
   */
  public static final Duration CLUSTER_PROPAGATION = Duration.ofSeconds(3);

  /**
   * With several nodes: once {@link #CLUSTER_PROPAGATION} has passed, the messages stored after {@code afterSeq}
   * (read then), which a socket subscribed just before may have missed while its subscription spread; an empty list
   * on a single node, where a subscription holds at once.
   */
  public Future<List<ChatMessage>> catchUp(String conversationId, IntSupplier afterSeq) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture(List.of());
    }
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(CLUSTER_PROPAGATION.toMillis(), id -> waited.complete());
    return waited.future().compose(v -> history(conversationId, afterSeq.getAsInt()));
  }

  /** A started conversation: resumed when it is the one the visitor asked for (or their latest open one). */
  public record Started(Conversation conversation, boolean resumed) {}

  /** A stored shopper message; for a resend, also the bot's stored answer to it when there is one. */
  public record Receipt(Appended shopperMessage, ChatMessage existingReply) {}

  /** {@link #start(String, String, String, String)} for an anonymous shopper. */
  public Future<Started> start(String visitorId, String conversationId, String locale) {
    return start(visitorId, conversationId, locale, null);
  }

  /**
   * Resumes the named conversation (or the visitor's latest open one) when this visitor, as this verified shopper
   * ({@code null}: anonymous), may resume it, else starts a new one; the rule is the repository's {@code resume}.
   */
  public Future<Started> start(String visitorId, String conversationId, String locale, String shopperId) {
    return conversations.touchVisitor(visitorId, locale, shopperId)
      .compose(v -> conversationId != null ? Future.succeededFuture(conversationId)
        : conversations.latestOpen(visitorId, shopperId).map(latest -> latest == null ? null : latest.id()))
      .compose(id -> id == null ? Future.<Conversation>succeededFuture()
        : conversations.resume(id, visitorId, locale, shopperId))
      .compose(resumed -> resumed != null ? Future.succeededFuture(new Started(resumed, true))
        : conversations.create(visitorId, locale, shopperId).map(created -> new Started(created, false)));
  }

  /** Every message after {@code afterSeq}, oldest first. */
  public Future<List<ChatMessage>> history(String conversationId, int afterSeq) {
    return page(conversationId, afterSeq, new ArrayList<>());
  }

  private Future<List<ChatMessage>> page(String conversationId, int afterSeq, List<ChatMessage> acc) {
    return conversations.messagesAfter(conversationId, afterSeq, REPLAY_PAGE).compose(rows -> {
      acc.addAll(rows);
      return rows.size() < REPLAY_PAGE ? Future.succeededFuture(acc)
        : page(conversationId, rows.get(rows.size() - 1).seq(), acc);
    });
  }

  /**
   * Stores a shopper message (once per client id) and starts the bot's turn for it. A first arrival is
   * published to the conversation; a resend is handed back for the sender alone, with the stored reply or,
   * when the bot never answered it (a crash mid-turn), a fresh turn.
   */
  public Future<Receipt> receive(String conversationId, String locale, String clientMsgId, String text, String payload) {
    JsonObject extras = payload == null ? new JsonObject() : new JsonObject().put("payload", payload);
    return conversations.appendShopperMessage(conversationId, clientMsgId, text, extras).compose(appended -> {
      ChatMessage message = appended.message();
      if (!appended.duplicate()) {
        publish(conversationId, message.toFrame());
        enqueueTurn(conversationId, locale, message);
        return Future.succeededFuture(new Receipt(appended, null));
      }
      return conversations.findBotReply(conversationId, message.seq()).map(reply -> {
        if (reply == null) {
          enqueueTurn(conversationId, locale, message);
        }
        return new Receipt(appended, reply);
      });
    });
  }

  /**
   * Runs the bot's turn for the conversation's recent stored messages that have no bot answer (and came after the
   * last agent message and handoff), except those whose turn is queued here already, in order behind any queued
   * turn: a server that died between storing a message and storing its answer leaves such a message, acknowledged
   * to the shopper (who will not resend it). Called when a shopper resumes the conversation; a turn already answered
   * elsewhere stores nothing twice. While a person is asked for or holds the chat, the bot stays silent as always.
   */
  public Future<Integer> answerPending(String conversationId, String locale) {
    return conversations.unansweredShopperMessages(conversationId, PENDING_TURNS_MAX).map(pending -> {
      // Not the ones whose turn is queued or running here already: a message the shopper sent right after the
      // welcome may be on its way, while an older one the dead server left still needs its answer.
      Set<Integer> queued = queuedSeqs.getOrDefault(conversationId, Set.of());
      List<ChatMessage> left = pending.stream().filter(m -> !queued.contains(m.seq())).toList();
      if (!left.isEmpty()) {
        LOG.info("answering {} message(s) of {} left without an answer", left.size(), conversationId);
        left.forEach(m -> enqueueTurn(conversationId, locale, m));
      }
      return left.size();
    });
  }

  private void enqueueTurn(String conversationId, String locale, ChatMessage message) {
    Future<Void> previous = turnQueues.getOrDefault(conversationId, Future.succeededFuture());
    // The previous turn's callbacks run in its request's context; this turn runs, and logs, in its own.
    Future<Void> next = LogContext.here(previous).transform(ignored -> botTurnRetried(conversationId, locale, message)
      .onFailure(e -> {
        metrics.turnFailed();
        LOG.error("bot turn failed in {} for seq {}", conversationId, message.seq(), e);
        publish(conversationId, new JsonObject().put("type", "error").put("code", "internal")
          .put("message", "the bot could not answer; send the message again").put("clientMsgId", message.clientMsgId()));
      })
      .<Void>mapEmpty()
      .otherwiseEmpty());
    turnQueues.put(conversationId, next);
    queuedSeqs.computeIfAbsent(conversationId, id -> new HashSet<>()).add(message.seq());
    next.onComplete(done -> {
      turnQueues.remove(conversationId, next);
      Set<Integer> seqs = queuedSeqs.get(conversationId);
      if (seqs != null && seqs.remove(message.seq()) && seqs.isEmpty()) {
        queuedSeqs.remove(conversationId);
      }
    });
  }

  /**
   * Completes with {@code true} once no bot turn is running or queued, or with {@code false} when {@code bound}
   * passes first (a shutdown waits here before closing the pool, so a stored message gets its stored reply).
   * Turns queued while it waits are waited for too.
   */
  public Future<Boolean> idle(Duration bound) {
    Promise<Boolean> idle = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, bound.toMillis()), id -> idle.tryComplete(false));
    awaitTurns(idle, timer);
    return idle.future();
  }

  /** Conversations with a bot turn queued or running now. */
  public int busyConversations() {
    return turnQueues.size();
  }

  private void awaitTurns(Promise<Boolean> idle, long timer) {
    if (turnQueues.isEmpty()) {
      vertx.cancelTimer(timer);
      idle.tryComplete(true);
      return;
    }
    // Each queue's last future ends after every turn before it; a turn that fails is already handled.
    Future.join(new ArrayList<>(turnQueues.values())).onComplete(all -> {
      if (!idle.future().isComplete()) {
        awaitTurns(idle, timer);
      }
    });
  }

  /**
   * The bot's turn, tried again while PostgreSQL cannot be reached (a restart, a failover), with a growing pause, for
   * up to {@link #TURN_RETRY_BOUND}: the shopper's message is stored and acknowledged, so its reply must follow
   * without the shopper resending it. The shopper is told once that the answer is late ({@code unavailable}); later
   * turns of the conversation wait behind this one, so replies keep their order. Any other failure ends the turn.
   */
  private Future<ChatMessage> botTurnRetried(String conversationId, String locale, ChatMessage message) {
    Promise<ChatMessage> done = Promise.promise();
    attemptTurn(conversationId, locale, message, 0, System.nanoTime() + TURN_RETRY_BOUND.toNanos(), done);
    return done.future();
  }

  private void attemptTurn(String conversationId, String locale, ChatMessage message, int attempt, long deadline,
                           Promise<ChatMessage> done) {
    botTurn(conversationId, locale, message, attempt > 0).onComplete(turn -> {
      if (turn.succeeded() || !DatabaseFaults.unreachable(turn.cause()) || System.nanoTime() > deadline) {
        done.handle(turn);
        return;
      }
      if (attempt == 0) {
        LOG.warn("bot turn for seq {} in {} waits for the database: {}", message.seq(), conversationId,
          turn.cause().toString());
        publish(conversationId, new JsonObject().put("type", "error").put("code", "unavailable")
          .put("message", "the bot's answer is delayed: the chat cannot reach its storage; it follows by itself")
          .put("clientMsgId", message.clientMsgId()));
      }
      long pause = Math.min(TURN_RETRY_MAX_PAUSE.toMillis(), TURN_RETRY_FIRST_PAUSE.toMillis() << Math.min(attempt, 8));
      vertx.setTimer(pause, t -> attemptTurn(conversationId, locale, message, attempt + 1, deadline, done));
    });
  }

  /**
   * The bot's turn, unless a person is asked for or holds the conversation: then the bot says nothing. The
   * conversation and its handoff are read together, the turn's first round trip.
   */
  private Future<ChatMessage> botTurn(String conversationId, String locale, ChatMessage message, boolean retry) {
    long started = System.nanoTime();
    return metrics.time(Stage.DATABASE, () -> conversations.forTurn(conversationId))
      .compose(start -> start == null
        ? Future.<ChatMessage>failedFuture(new IllegalStateException("no conversation " + conversationId))
        : handoffs != null && start.inHandoff() ? Future.<ChatMessage>succeededFuture()
        : runBot(start.conversation(), locale, message, retry, started));
  }

  private Future<ChatMessage> runBot(Conversation conversation, String locale, ChatMessage message, boolean retry,
                                     long started) {
    String conversationId = conversation.id();
    publish(conversationId, new JsonObject().put("type", "typing").put("from", ChatMessage.BOT));
    String payload = message.extras() == null ? null : message.extras().getString("payload");
    return metrics.time(Stage.NLU, () -> nlu.read(message.text(), locale))
      .onSuccess(understanding -> {
        metrics.intentRead(understanding.intent());
        recordSearch(conversation, message, understanding);
      })
      .compose(understanding -> metrics.time(Stage.DIALOGUE, () -> dialogue.respond(new DialogueTurn(message.text(),
          payload, locale, understanding, DialogueState.fromJson(conversation.state()), conversation.shopperId(),
          conversationId, conversation.visitorId())))
        .compose(reply -> metrics.time(Stage.DATABASE, () -> conversations.appendBotReply(conversationId,
            record(message.seq(), reply, understanding, started)))
          .compose(appended -> {
            if (appended.duplicate()) {
              // A retry after the reply's commit went through but its answer was lost with the connection: the
              // stored reply goes out now (each socket shows a seq once).
              if (retry) {
                publish(conversationId, appended.message().toFrame());
              }
              return Future.succeededFuture(appended.message());
            }
            metrics.turnCompleted(started);
            publish(conversationId, appended.message().toFrame());
            logTurn(message, reply, started);
            observe(new TurnObserver.Turn(conversation, message, locale, payload, understanding,
              DialogueState.fromJson(conversation.state()), reply));
            // The answer is out: a failure to queue is logged, not turned into "the bot could not answer".
            return handOver(conversation, payload, understanding, reply)
              .onFailure(e -> LOG.error("queueing {} for a person failed", conversationId, e))
              .otherwiseEmpty().map(appended.message());
          })));
  }

  private void observe(TurnObserver.Turn turn) {
    try {
      observer.answered(turn);
    } catch (RuntimeException e) {
      LOG.warn("a turn observer failed: {}", e.toString());
    }
  }

  /**
   * The turn for operators at debug level. The reply may repeat what the shopper gave (an email, an address):
   * the log encoders mask personal data in every line, this one included.
   */
  private static void logTurn(ChatMessage message, BotReply reply, long startedNanos) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("bot answered {} (seq {}) with intent {}, flow {}, in {} ms: {}", message.clientMsgId(), message.seq(),
        reply.intent(), reply.flow(), (System.nanoTime() - startedNanos) / 1_000_000, reply.text());
    }
  }

  /** When the bot's reply hands over to a person: the conversation is queued, with why and how urgently. */
  private Future<Void> handOver(Conversation conversation, String payload, Understanding understanding,
                                BotReply reply) {
    if (handoffs == null || !Understanding.HUMAN.equals(reply.intent())) {
      return Future.succeededFuture();
    }
    DialogueState state = reply.state();
    String intent = understanding.intent();
    String reason;
    if (DialogueManager.HUMAN_PAYLOAD.equals(payload) || Understanding.HUMAN.equals(intent)
        || Understanding.HUMAN_AGENT.equals(intent)) {
      reason = Handoff.SHOPPER_ASKED;
    } else if (handoffs.rules().applies(intent)) {
      reason = Handoff.POLICY;
    } else if ("complaint".equals(intent)) {
      reason = Handoff.COMPLAINT;
    } else if (state.frustration() > 0) {
      reason = Handoff.FRUSTRATED;
    } else {
      reason = Handoff.MISUNDERSTOOD;
    }
    // Upset shoppers first, then requests the shop's policy gives a person; signed-in shoppers ahead of anonymous
    // ones at the same urgency.
    int urgency = Handoff.COMPLAINT.equals(reason) || state.frustration() > 0 ? 2
      : Handoff.POLICY.equals(reason) ? 1 : 0;
    int priority = urgency + (conversation.shopperId() != null ? 1 : 0);
    String topic = HandoffTopics.of(DialogueState.fromJson(conversation.state()).flow(), intent);
    return handoffs.request(conversation, reason, priority, topic).onSuccess(h -> metrics.handoff(reason)).mapEmpty();
  }

  /**
   * The catalog categories and brands the shopper asked about, as a search event of the chat; never the text.
   * Off the turn's path: a failure here costs the profile one search, not the shopper their answer.
   */
  private void recordSearch(Conversation conversation, ChatMessage message, Understanding understanding) {
    String query = events == null ? null : ChatSearches.summary(understanding.entities());
    if (query == null) {
      return;
    }
    events.recordChatSearch(conversation.id(), message.seq(), conversation.visitorId(), conversation.shopperId(),
      query, message.at().toInstant()).onFailure(e -> LOG.warn("recording the chat search of {} failed: {}",
        conversation.id(), e.toString()));
  }

  private static BotTurnRecord record(int replyTo, BotReply reply, Understanding understanding, long startedNanos) {
    String status = reply.state().handoffRequested() ? "handoff_requested" : "open";
    JsonArray entities = new JsonArray();
    for (Entity e : understanding.entities()) {
      entities.add(new JsonObject().put("type", e.type()).put("value", e.value()).put("start", e.start())
        .put("end", e.end()));
    }
    int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    return new BotTurnRecord(replyTo, reply.text(), reply.intent(), reply.confidence(), reply.extras(),
      reply.state().toJson(), status, understanding.modelVersion(), entities, reply.flow(), latency);
  }

  /** Publishes a frame to every socket showing the conversation (shoppers' and agents'). */
  public void publish(String conversationId, JsonObject frame) {
    vertx.eventBus().publish(address(conversationId), frame);
  }
}
