package com.shopchat.gateway;

import com.shopchat.config.AppConfig;
import com.shopchat.conversation.ChatService;
import com.shopchat.events.EventParser;
import com.shopchat.events.EventStore;
import com.shopchat.handoff.HandoffService;
import com.shopchat.http.ApiError;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.ops.Metrics;
import com.shopchat.ops.Metrics.Connection;
import com.shopchat.store.ShopperRepository;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Upgrades {@code /chat/ws} requests from allowed origins and gives each socket its {@link ChatSocket}. */
public final class ChatWebSocketHandler implements Handler<RoutingContext> {

  private final ChatService chat;
  private final ShopperIdentity identity;
  private final ShopperRepository shoppers;
  private final OriginPolicy origins;
  private final InboundFrame.Limits limits;
  private final AppConfig config;
  private final EventStore events;
  private final EventParser eventParser;
  private final HandoffService handoffs;
  private final Metrics metrics;
  private final ConnectionLimiter connections;

  public ChatWebSocketHandler(ChatService chat, ShopperIdentity identity, ShopperRepository shoppers, AppConfig config,
                              EventStore events, EventParser eventParser) {
    this(chat, identity, shoppers, config, events, eventParser, null);
  }

  /** With {@code handoffs}: shoppers see their handoff's state, rate closed chats and may leave an email. */
  public ChatWebSocketHandler(ChatService chat, ShopperIdentity identity, ShopperRepository shoppers, AppConfig config,
                              EventStore events, EventParser eventParser, HandoffService handoffs) {
    this(chat, identity, shoppers, config, events, eventParser, handoffs, Metrics.NONE);
  }

  /** With {@code metrics}: the shoppers' sockets open now are a gauge. */
  public ChatWebSocketHandler(ChatService chat, ShopperIdentity identity, ShopperRepository shoppers, AppConfig config,
                              EventStore events, EventParser eventParser, HandoffService handoffs, Metrics metrics) {
    this.metrics = metrics;
    this.handoffs = handoffs;
    this.chat = chat;
    this.events = events;
    this.eventParser = eventParser;
    this.identity = identity;
    this.shoppers = shoppers;
    this.config = config;
    this.origins = new OriginPolicy(config.allowedOrigins());
    this.limits = new InboundFrame.Limits(config.maxFrameBytes(), config.maxTextLength());
    this.connections = new ConnectionLimiter(config.ops().maxSocketsPerIp(), config.ops().connectsPerIp(),
      config.ops().connectsWindowSeconds());
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (!origins.allows(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
      ctx.fail(new ApiError(403, "origin_not_allowed", "origin " + origin + " may not open the chat; see ALLOWED_ORIGINS"));
      return;
    }
    // The address the connection comes from (a reverse proxy in front counts as one client: limit there).
    String ip = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    if (connections.enabled()) {
      ConnectionLimiter.Refusal refusal = connections.tryOpen(ip, System.nanoTime());
      if (refusal != null) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds()));
        ctx.fail(new ApiError(429, "too_many_connections", refusal.message()));
        return;
      }
    }
    ctx.request().toWebSocket()
      .onSuccess(ws -> {
        metrics.opened(Connection.SHOPPER);
        KeepAlive.start(ctx.vertx(), ws, KeepAlive.intervalFor(config.httpIdleTimeoutSeconds()));
        new ChatSocket(ctx.vertx(), ws, chat, identity, shoppers, limits,
          new RateLimiter(config.rateLimitMessages(), config.rateLimitWindowSeconds()), events, eventParser, handoffs)
          .start(() -> {
            metrics.closed(Connection.SHOPPER);
            connections.closed(ip);
          });
      })
      .onFailure(e -> {
        connections.closed(ip);
        if (!ctx.response().ended()) {
          ctx.fail(new ApiError(400, "websocket_required", "this endpoint speaks websocket only"));
        }
      });
  }
}
