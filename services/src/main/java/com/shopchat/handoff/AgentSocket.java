package com.shopchat.handoff;

import com.shopchat.admin.StaffAuth;
import com.shopchat.conversation.ChatService;
import com.shopchat.gateway.InboundFrame;
import com.shopchat.gateway.Reconnect;
import com.shopchat.gateway.KeepAlive;
import com.shopchat.http.ApiError;
import com.shopchat.ops.Metrics;
import com.shopchat.ops.Metrics.Connection;
import com.shopchat.store.StaffUser;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One agent console's live channel ({@code /api/agent/ws}, opened with the staff session): tells the console when
 * the queue changes and when a chat is given to this agent, and relays the frames (messages, typing, handoff
 * state) of the conversations the console watches. Commands go through {@link AgentApi}; the socket only takes
 * {@code {"type":"watch"|"unwatch","conversationId"}}. Everything arrives through the event bus, so the shopper
 * may be connected to another node. The agent is online while a console is open, offline when the last one on
 * this node closes.
 */
public final class AgentSocket {

  /** Told to a staff member's consoles when an admin disables them; the channel then closes. */
  public static final String ACCOUNT_DISABLED = "account_disabled";
  private static final int MAX_FRAME = 4096;
  private static final int MAX_WATCHED = 50;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final StaffUser agent;
  private final HandoffService handoffs;
  private final Map<String, MessageConsumer<JsonObject>> watched = new HashMap<>();
  private MessageConsumer<JsonObject> queue;
  private MessageConsumer<JsonObject> mine;

  public AgentSocket(Vertx vertx, ServerWebSocket ws, StaffUser agent, HandoffService handoffs) {
    this.vertx = vertx;
    this.ws = ws;
    this.agent = agent;
    this.handoffs = handoffs;
  }

  /**
   * Upgrades {@code /api/agent/ws} for a signed-in agent (the router's guards ran before) whose page is on this
   * server: the session cookie alone must not let another site's page open an agent's channel. It is pinged
   * every {@code pingEvery}, so the server's idle timeout never closes a quiet console (which would take the agent
   * offline).
   */
  public static Handler<RoutingContext> handler(Vertx vertx, HandoffService handoffs, Duration pingEvery) {
    return handler(vertx, handoffs, Metrics.NONE, pingEvery);
  }

  /**
   * As {@link #handler(Vertx, HandoffService, Duration)}, with the agents' channels open now as a gauge of
   * {@code metrics}.
   */
  public static Handler<RoutingContext> handler(Vertx vertx, HandoffService handoffs, Metrics metrics,
                                                Duration pingEvery) {
    return ctx -> {
      String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
      String host = ctx.request().getHeader(HttpHeaders.HOST);
      if (origin == null || host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
        ctx.fail(new ApiError(403, "origin_not_allowed", "the agent console must be opened from this server"));
        return;
      }
      StaffUser agent = StaffAuth.user(ctx);
      ctx.request().toWebSocket()
        .onSuccess(ws -> {
          metrics.opened(Connection.AGENT);
          KeepAlive.start(vertx, ws, pingEvery);
          new AgentSocket(vertx, ws, agent, handoffs).start(() -> metrics.closed(Connection.AGENT));
        })
        .onFailure(e -> {
          if (!ctx.response().ended()) {
            ctx.fail(new ApiError(400, "websocket_required", "this endpoint speaks websocket only"));
          }
        });
    };
  }

  public void start() {
    start(() -> { });
  }

  /** As {@link #start()}; {@code closed} runs once the socket has closed. */
  public void start(Runnable closed) {
    queue = vertx.eventBus().consumer(HandoffService.QUEUE_ADDRESS, m -> write(m.body()));
    mine = vertx.eventBus().consumer(HandoffService.agentAddress(agent.id()), m -> {
      write(m.body());
      if (ACCOUNT_DISABLED.equals(m.body().getString("type"))) {
        ws.close((short) 4403, "account disabled");
      }
    });
    ws.textMessageHandler(this::onText);
    ws.closeHandler(v -> {
      stop();
      closed.run();
    });
    // The server is shutting down: the console reconnects (its commands go over HTTP, which the shutdown lets
    // finish) and refetches what it may have missed, as after any drop.
    ws.shutdownHandler(v -> {
      Reconnect.tell(ws);
      Reconnect.close(ws);
    });
    handoffs.consoleOpened(agent);
    write(new JsonObject().put("type", "ready").put("agentId", agent.id()));
  }

  private void onText(String raw) {
    if (raw.length() > MAX_FRAME) {
      error("frame_too_large", "frames are at most " + MAX_FRAME + " characters");
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      error("bad_json", "frame is not a JSON object");
      return;
    }
    String type = frame.getValue("type") instanceof String t ? t : "";
    Object rawId = frame.getValue("conversationId");
    String id = rawId instanceof String s && InboundFrame.ID.matcher(s).matches() ? s : null;
    switch (type) {
      case "watch" -> {
        if (id == null) {
          error("invalid_field", "conversationId must be 1-64 characters of A-Z a-z 0-9 _ -");
        } else if (watched.size() >= MAX_WATCHED && !watched.containsKey(id)) {
          error("too_many_watched", "watch at most " + MAX_WATCHED + " conversations");
        } else {
          watched.computeIfAbsent(id, c -> vertx.eventBus().<JsonObject>consumer(ChatService.address(c),
            m -> write(m.body().copy().put("conversationId", c))));
          watched.get(id).completion().onSuccess(v -> write(new JsonObject().put("type", "watching")
            .put("conversationId", id)));
        }
      }
      case "unwatch" -> {
        MessageConsumer<JsonObject> consumer = id == null ? null : watched.remove(id);
        if (consumer != null) {
          consumer.unregister();
        }
      }
      default -> error("unknown_type", "expected watch or unwatch; commands go through /api/agent");
    }
  }

  private void stop() {
    queue.unregister();
    mine.unregister();
    watched.values().forEach(MessageConsumer::unregister);
    watched.clear();
    handoffs.consoleClosed(agent);
  }

  private void error(String code, String message) {
    write(new JsonObject().put("type", "error").put("code", code).put("message", message));
  }

  private void write(JsonObject frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }
}
