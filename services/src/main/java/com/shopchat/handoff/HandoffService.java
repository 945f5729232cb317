package com.shopchat.handoff;

import com.shopchat.conversation.Appended;
import com.shopchat.conversation.ChatMessage;
import com.shopchat.conversation.ChatService;
import com.shopchat.conversation.Conversation;
import com.shopchat.store.ConversationRepository;
import com.shopchat.store.HandoffRepository;
import com.shopchat.store.StaffChange;
import com.shopchat.store.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff: queues a conversation for a person, routes it to the best online agent (or lets an agent claim
 * it), relays agents' messages through the conversation's persisted, sequenced path, and ends it with a hand-back
 * to the bot or a close that asks the shopper for a rating. Everything other nodes need goes through PostgreSQL
 * and the event bus: the conversation's address ({@link ChatService#address}) carries {@code handoff} frames to
 * the shopper's sockets, {@link #QUEUE_ADDRESS} tells agent consoles the queue changed, and
 * {@link #agentAddress} tells one agent a chat is theirs.
 */
public final class HandoffService {

  private static final Logger LOG = LoggerFactory.getLogger(HandoffService.class);

  /** Published (empty body) whenever the queue or an assignment changes. */
  public static final String QUEUE_ADDRESS = "handoff.queue";
  /** A cart worth this much (minor units, e.g. €200.00) raises a handoff's priority by one. */
  public static final long VIP_CART_CENTS = 20_000;
  /** Waiting shoppers told their new place when the queue changes (the rest learn it as it moves). */
  private static final int QUEUE_UPDATES = 200;
  /** How long a closing console's node waits for another node to say it holds one of the agent's consoles. */
  private static final long CONSOLE_ASK_MILLIS = 2_000;
  /** Presence set this recently is not swept (see {@link #sweepPresence}). */
  static final int STALE_PRESENCE_SECONDS = 30;

  private final Vertx vertx;
  private final HandoffRepository handoffs;
  private final ConversationRepository conversations;
  private final Function<Conversation, Future<Long>> cartValue;
  private final HandoffRules rules;
  // Open agent consoles per agent on this node: an agent is online while one is open here or on another node.
  private final Map<Long, Integer> consoles = new ConcurrentHashMap<>();
  // While this node holds an agent's console, it answers on the agent's consoles address (any node may ask).
  private final Map<Long, MessageConsumer<JsonObject>> holding = new ConcurrentHashMap<>();

  public HandoffService(Vertx vertx, HandoffRepository handoffs, ConversationRepository conversations) {
    this(vertx, handoffs, conversations, c -> Future.succeededFuture(0L), HandoffRules.NONE);
  }

  /**
   * With {@code cartValue}: what the conversation's shopper has in their cart (minor units); a cart of at least
   * {@value #VIP_CART_CENTS} puts them ahead of others at the same urgency. {@code rules}: what always goes to a
   * person.
   */
  public HandoffService(Vertx vertx, HandoffRepository handoffs, ConversationRepository conversations,
                        Function<Conversation, Future<Long>> cartValue, HandoffRules rules) {
    this.cartValue = cartValue;
    this.rules = rules;
    this.vertx = vertx;
    this.handoffs = handoffs;
    this.conversations = conversations;
  }

  /**
   * Where one agent hears of chats given to them: {@code {"type":"assigned","handoff":{…},"routed":true}};
   * {@code routed} is false when the agent claimed or joined the chat themselves (their console need not call out).
   */
  public static String agentAddress(long agentId) {
    return "handoff.agent." + agentId;
  }

  public HandoffRepository repository() {
    return handoffs;
  }

  /** The shop's policy of what always goes to a person. */
  public HandoffRules rules() {
    return rules;
  }

  /** The conversation's queued or assigned handoff, or {@code null}: while there is one, the bot is silent. */
  public Future<Handoff> active(String conversationId) {
    return handoffs.active(conversationId);
  }

  /**
   * Queues the conversation for a person (a no-op when it is queued or held already), tells the shopper where
   * they stand and routes. Returns the active handoff.
   */
  public Future<Handoff> request(Conversation conversation, String reason, int priority, String topic) {
    return cartValue.apply(conversation).otherwise(0L)
      .compose(cart -> handoffs.request(conversation.id(), reason, priority + (cart >= VIP_CART_CENTS ? 1 : 0),
        conversation.locale(), topic))
      .compose(created -> {
        if (created == null) {
          return handoffs.active(conversation.id());
        }
        LOG.info("conversation {} queued for a person ({}, priority {})", conversation.id(), reason, priority);
        // Routing tells whoever it assigns; when it assigns nobody, the queue still changed (and the new shopper
        // learns their place with the others).
        return routeAndTell().map(assigned -> assigned.stream().filter(h -> h.id() == created.id()).findFirst()
          .orElse(created));
      });
  }

  /**
   * Routes, then tells consoles and waiting shoppers the queue changed even when nobody was assigned. Never tell
   * waiting shoppers their place while a routing runs: a place read before an assignment and sent after it would
   * show an assigned shopper as waiting again.
   */
  private Future<List<Handoff>> routeAndTell() {
    return route().onSuccess(assigned -> {
      if (assigned.isEmpty()) {
        queueChanged();
      }
    });
  }

  /** Gives waiting conversations to online agents with room; tells each shopper and agent concerned. */
  public Future<List<Handoff>> route() {
    return handoffs.route().onSuccess(assigned -> {
      for (Handoff h : assigned) {
        LOG.info("conversation {} assigned to agent {}", h.conversationId(), h.agentId());
        assignedTo(h, true);
      }
      if (!assigned.isEmpty()) {
        queueChanged();
      }
    });
  }

  /**
   * The agent takes the conversation: a queued one is claimed (of two agents at once, exactly one gets it), a live
   * one without a handoff is joined. Fails with {@link Taken} when someone else holds it.
   */
  public Future<Handoff> claim(String conversationId, StaffUser agent) {
    return handoffs.claim(conversationId, agent.id())
      .compose(claimed -> claimed != null ? Future.succeededFuture(claimed)
        : handoffs.join(conversationId, agent.id()))
      .compose(mine -> {
        if (mine != null) {
          assignedTo(mine, false);
          queueChanged();
          return Future.succeededFuture(mine);
        }
        return handoffs.active(conversationId).compose(other -> other != null && other.agentId() != null
          && other.agentId() == agent.id() ? Future.succeededFuture(other)
          : Future.failedFuture(new Taken(conversationId, other)));
      });
  }

  /**
   * Ends the agent's handoff ({@code anyone}: an admin ending whoever's): a hand-back lets the bot answer again, a
   * close closes the conversation and asks the shopper for a rating. {@code null} when there was nothing to end.
   */
  public Future<Handoff> end(String conversationId, StaffUser agent, boolean anyone, String how) {
    return handoffs.end(conversationId, anyone ? null : agent.id(), how).compose(ended -> {
      if (ended == null) {
        return Future.succeededFuture();
      }
      LOG.info("conversation {} {} by agent {}", conversationId, how, agent.id());
      return tellShopper(ended).compose(v -> routeAndTell()).map(ended);
    });
  }

  /** Stores and relays an agent's message (once per client id); fails unless the agent holds the conversation. */
  public Future<Appended> say(String conversationId, StaffUser agent, String agentName, String clientMsgId,
                              String text) {
    JsonObject extras = new JsonObject().put("agent", new JsonObject().put("name", agentName));
    return conversations.appendAgentMessage(conversationId, agent.id(), clientMsgId, text, extras)
      .onSuccess(appended -> {
        if (!appended.duplicate()) {
          publish(conversationId, appended.message().toFrame());
        }
      });
  }

  /** An agent is online (and routing may give them chats), away or offline. */
  public Future<Void> presence(StaffUser agent, String presence) {
    return handoffs.presence(agent.id(), presence).compose(changed -> {
      if ("online".equals(presence)) {
        return routeAndTell().mapEmpty();
      }
      queueChanged();
      return Future.succeededFuture();
    });
  }

  /**
   * Where the nodes holding one of an agent's consoles answer (with several nodes behind a load balancer, an agent's
   * two tabs may be on two nodes): no answer means no console is open anywhere.
   */
  public static String consolesAddress(long agentId) {
    return "handoff.consoles." + agentId;
  }

  /** An agent opened a console on this node: they are online (admins without the agent role take no chats). */
  public void consoleOpened(StaffUser agent) {
    if (agent.hasRole(StaffUser.AGENT) && consoles.merge(agent.id(), 1, Integer::sum) == 1) {
      MessageConsumer<JsonObject> answering = vertx.eventBus().consumer(consolesAddress(agent.id()),
        m -> m.reply(new JsonObject().put("open", true)));
      holding.put(agent.id(), answering);
      presence(agent, "online").onFailure(e -> LOG.warn("presence of agent {}: {}", agent.id(), e.toString()));
    }
  }

  /**
   * A console closed: with the agent's last one on this node, and none open on another node, they are offline.
   * (Two nodes closing and opening the agent's consoles at the same instant may leave presence to the next
   * console event; routing only ever gives chats to agents marked online.)
   */
  public void consoleClosed(StaffUser agent) {
    if (!agent.hasRole(StaffUser.AGENT)
        || consoles.computeIfPresent(agent.id(), (id, open) -> open > 1 ? open - 1 : null) != null) {
      return;
    }
    MessageConsumer<JsonObject> answering = holding.remove(agent.id());
    (answering == null ? Future.<Void>succeededFuture() : answering.unregister())
      .compose(v -> consoles.containsKey(agent.id()) ? Future.succeededFuture(true)
        : vertx.eventBus().request(consolesAddress(agent.id()), new JsonObject(),
            new DeliveryOptions().setSendTimeout(CONSOLE_ASK_MILLIS)).map(reply -> true).otherwise(false))
      .compose(openElsewhere -> openElsewhere ? Future.<Void>succeededFuture() : presence(agent, "offline"))
      .onFailure(e -> LOG.warn("presence of agent {}: {}", agent.id(), e.toString()));
  }

  /**
   * Clustered: agents marked online whose consoles were all on a node that has gone (no node answers on their
   * consoles address) are marked offline, so routing stops giving them chats. Agents set online in the last
   * {@value #STALE_PRESENCE_SECONDS} s are left alone: a console just opened may not be known cluster-wide yet.
   */
  public Future<Integer> sweepPresence() {
    return handoffs.staleOnline(STALE_PRESENCE_SECONDS).compose(ids -> Future.all(ids.stream()
        .map(id -> vertx.eventBus().request(consolesAddress(id), new JsonObject(),
            new DeliveryOptions().setSendTimeout(CONSOLE_ASK_MILLIS)).map(false)
          .recover(noAnswer -> handoffs.offlineIfStale(id, STALE_PRESENCE_SECONDS)
            .onSuccess(gone -> {
              if (gone) {
                LOG.info("agent {} marked offline: no node holds a console of theirs", id);
              }
            })))
        .toList()))
      .map(all -> {
        int gone = (int) all.list().stream().filter(Boolean.TRUE::equals).count();
        if (gone > 0) {
          queueChanged();
        }
        return gone;
      });
  }

  /**
   * After an admin changed a staff member: a disabled user's consoles are told and closed; shoppers whose chats
   * went back to the queue are told they wait again ({@code requeued}: the widget otherwise ignores a place in the
   * queue after an assignment); then routing runs, since new languages, topics or room may fit a waiting chat.
   */
  public Future<Void> staffChanged(StaffChange change) {
    long id = change.after().id();
    if (change.after().disabled() && !change.before().disabled()) {
      vertx.eventBus().publish(agentAddress(id), new JsonObject().put("type", AgentSocket.ACCOUNT_DISABLED));
    }
    for (Handoff h : change.requeued()) {
      LOG.info("conversation {} back in the queue: agent {} no longer takes chats", h.conversationId(), id);
    }
    return Future.all(change.requeued().stream()
        .map(h -> shopperFrame(h).onSuccess(frame -> publish(h.conversationId(), frame.put("requeued", true))))
        .toList())
      .compose(told -> routeAndTell()).mapEmpty();
  }

  /** The frame that tells a shopper where their handoff stands (queued: position, agents online, expected wait). */
  public Future<JsonObject> shopperFrame(Handoff h) {
    JsonObject frame = new JsonObject().put("type", "handoff").put("state", h.state());
    switch (h.state()) {
      case Handoff.QUEUED -> {
        return Future.all(handoffs.position(h.id()), handoffs.agentsOnline(h.locale()), handoffs.recentWaitSeconds())
          .map(all -> queuedFrame(h, all.resultAt(0), all.resultAt(1), all.resultAt(2)));
      }
      case Handoff.ASSIGNED -> frame.put("agent", new JsonObject().put("name", h.agentName()));
      default -> frame.put("how", h.endedHow()).put("askRating", Handoff.CLOSED.equals(h.endedHow()));
    }
    return Future.succeededFuture(frame);
  }

  private Future<Void> tellShopper(Handoff h) {
    return shopperFrame(h).onSuccess(frame -> publish(h.conversationId(), frame)).mapEmpty();
  }

  private void assignedTo(Handoff h, boolean routed) {
    tellShopper(h);
    vertx.eventBus().publish(agentAddress(h.agentId()), new JsonObject().put("type", "assigned")
      .put("handoff", h.toJson()).put("routed", routed));
  }

  /** Tells agent consoles the queue changed, and every shopper still waiting their new place in it. */
  private void queueChanged() {
    vertx.eventBus().publish(QUEUE_ADDRESS, new JsonObject().put("type", "queue_changed"));
    handoffs.queue(QUEUE_UPDATES).compose(queue -> {
      if (queue.isEmpty()) {
        return Future.succeededFuture();
      }
      return Future.all(handoffs.agentsOnline("en"), handoffs.agentsOnline("zh"), handoffs.recentWaitSeconds())
        .onSuccess(all -> {
          for (int i = 0; i < queue.size(); i++) {
            Handoff h = queue.get(i);
            int online = "zh".equals(h.locale()) ? all.<Integer>resultAt(1) : all.<Integer>resultAt(0);
            publish(h.conversationId(), queuedFrame(h, i + 1, online, all.resultAt(2)));
          }
        });
    }).onFailure(e -> LOG.warn("telling waiting shoppers their place failed: {}", e.toString()));
  }

  private static JsonObject queuedFrame(Handoff h, int position, int online, Double wait) {
    JsonObject frame = new JsonObject().put("type", "handoff").put("state", Handoff.QUEUED).put("position", position)
      .put("agentsOnline", online).put("contactLeft", h.contactEmail() != null);
    if (online > 0 && wait != null) {
      frame.put("waitSeconds", Math.round(wait * position / online));
    }
    return frame;
  }

  private void publish(String conversationId, JsonObject frame) {
    vertx.eventBus().publish(ChatService.address(conversationId), frame);
  }

  /** Someone else holds the conversation. */
  public static final class Taken extends RuntimeException {
    Taken(String conversationId, Handoff holder) {
      super("conversation " + conversationId + " is already held by " + (holder == null || holder.agentName() == null
        ? "another agent" : holder.agentName()));
    }
  }
}
