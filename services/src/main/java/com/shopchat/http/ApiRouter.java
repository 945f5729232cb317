package com.shopchat.http;

import com.shopchat.admin.StaffAuth;
import com.shopchat.events.EventsApi;
import com.shopchat.gateway.InboundFrame;
import com.shopchat.handoff.AgentApi;
import com.shopchat.ops.Health;
import com.shopchat.logging.LogContext;
import com.shopchat.store.CatalogRepository;
import com.shopchat.store.StaffUser;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP surface: the chat websocket, the demo shop's small API (and its sign-in, in demo mode), NLU parsing,
 * staff sign-in and the admin API (shopper profiles included), the behaviour events API, health (liveness and
 * readiness), Prometheus metrics, and the static front end.
 */
public final class ApiRouter {

  /** Where the echarts WebJar (a services dependency) keeps its built files: echarts.min.js among them. */
  static final String ECHARTS_WEBJAR = "META-INF/resources/webjars/echarts/5.3.1/dist";

  private ApiRouter() {
  }

  /** The router; {@code demoSignIn} is {@code null} unless the demo shop is on. */
  public static Router create(Vertx vertx, Handler<RoutingContext> chatWebSocket, CatalogRepository catalog,
    NluParseHandler nluParse, DemoSignInHandler demoSignIn, StaffAuth staffAuth, EventsApi events,
    Map<String, AdminRoutes> adminApis, AgentRoutes agent, OpsRoutes ops) {
    Router router = Router.router(vertx);
    // First: every later handler, and every log line of the request, sees its request id.
    router.route().handler(RequestIds::handle);
    opsRoutes(router, ops);
    // Path-less, with the prefix checked inside: a route with a path would join every request's route label in
    // the HTTP metrics ("/api/*>/api/products" instead of "/api/products").
    router.route().handler(ApiRouter::noForms);
    router.route("/chat/ws").handler(chatWebSocket);
    staffRoutes(vertx, router, staffAuth, adminApis);
    agentRoutes(router, staffAuth, agent);
    events.route(router);
    if (demoSignIn != null) {
      demoSignIn.route(router);
    }
    // Two routes: Vert.x runs body handlers before user handlers within one route, and a non-JSON request
    // should be turned away before its body is read.
    router.post("/api/nlu/parse").handler(NluParseHandler::requireJson);
    router.post("/api/nlu/parse").handler(nluParse.bodyHandler()).handler(nluParse);
    router.get("/api/products").handler(ctx -> catalog.products()
      .onSuccess(products -> ctx.json(new JsonObject().put("products", products)))
      .onFailure(ctx::fail));
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.route("/api/*").handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such endpoint: " + ctx.request().path())));
    // Shops embed the widget from their own origin; its script and modules are public and sent
    // without credentials, so any origin may load them (the websocket has its own origin check).
    router.get("/widget*").handler(ctx -> {
      ctx.response().putHeader("Access-Control-Allow-Origin", "*");
      ctx.next();
    });
    // The admin console is webroot/admin/index.html, served for /admin/; the bare path people type goes there.
    // (A route's exact path also matches with a trailing slash, hence the check.)
    router.get("/admin").handler(ctx -> slash(ctx, "/admin"));
    // The agent console likewise: webroot/agent/index.html at /agent/.
    router.get("/agent").handler(ctx -> slash(ctx, "/agent"));
    // The admin console's charting library, from its WebJar on the classpath (never a copy in our tree, nor a CDN).
    router.route("/admin/vendor/*").handler(StaticHandler.create(ECHARTS_WEBJAR).setCachingEnabled(true)
      .setMaxAgeSeconds(86400));
    // The widget, the demo shop page and the consoles come from the webchat module's jar (classpath webroot/).
    router.route().handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(300));
    router.route().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "nothing at " + ctx.request().path())));
    router.route().failureHandler(new ErrorHandler());
    return router;
  }

  /**
   * What operators and load balancers call: liveness and readiness, and the Prometheus scrape when metrics are on.
   * Unauthenticated, like the old {@code /health}: keep {@code /metrics} to the internal network (docs/operations.md).
   */
  private static void opsRoutes(Router router, OpsRoutes ops) {
    router.get("/health/live").handler(ops.health().liveness());
    router.get("/health/ready").handler(ops.health().readiness());
    if (ops.metrics() != null) {
      router.get("/metrics").handler(ops.metrics());
    }
  }

  /**
   * No API takes a form: a form or multipart body is refused (415) before a BodyHandler would decode it, since
   * Netty's form decoder throws on a malformed one and the request failed with a 500.
   */
  private static void noForms(RoutingContext ctx) {
    if (!ctx.request().path().startsWith("/api/")) {
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
      ctx.fail(new ApiError(415, "unsupported_media_type", "send JSON (application/json), not a form"));
      return;
    }
    ctx.next();
  }

  /** Redirects the bare path of a console ({@code /admin}) to its page ({@code /admin/}); anything else goes on. */
  private static void slash(RoutingContext ctx, String bare) {
    if (ctx.request().path().equals(bare)) {
      ctx.redirect(bare + "/");
    } else {
      ctx.next();
    }
  }

  /**
   * Staff sign-in and the admin API: a session on every route under /api/auth and /api/admin; the admin routes
   * then need a signed-in admin, and their writes the session's CSRF token. The OpenAPI document is public.
   */
  private static void staffRoutes(Vertx vertx, Router router, StaffAuth auth, Map<String, AdminRoutes> adminApis) {
    router.get("/api/admin/openapi.json").handler(ctx -> vertx.fileSystem().readFile("admin/openapi.json")
      .onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc))
      .onFailure(ctx::fail));
    router.route("/api/auth/*").handler(auth.sessions());
    router.route("/api/admin/*").handler(auth.sessions());
    router.post("/api/auth/login").handler(NluParseHandler::requireJson);
    router.post("/api/auth/login").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(auth::login);
    router.post("/api/auth/logout").handler(auth::requireStaff).handler(auth::requireCsrf).handler(auth::logout);
    router.get("/api/auth/me").handler(auth::requireStaff).handler(auth::me);
    router.route("/api/admin/*").handler(auth::requireStaff).handler(auth.requireRole(StaffUser.ADMIN))
      .handler(auth::requireCsrf);
    adminApis.forEach((base, api) -> api.route(router, base));
  }

  /**
   * The agent console's API and live channel: a session on every route under /api/agent, which then needs a
   * signed-in agent or admin, and its writes the session's CSRF token.
   */
  private static void agentRoutes(Router router, StaffAuth auth, AgentRoutes agent) {
    router.route("/api/agent/*").handler(auth.sessions());
    router.route("/api/agent/*").handler(auth::requireStaff).handler(AgentApi::requireAgent)
      .handler(auth::requireCsrf);
    // An agent's request about a conversation logs with its id too, as the shopper's turns in it do.
    router.route("/api/agent/conversations/:id").handler(ApiRouter::conversationInLogs);
    router.route("/api/agent/conversations/:id/*").handler(ApiRouter::conversationInLogs);
    router.get("/api/agent/ws").handler(agent.socket());
    agent.api().route(router, "/api/agent");
  }

  /** Health checks, and the metrics scrape ({@code null} when metrics are off). */
  public record OpsRoutes(Health health, Handler<RoutingContext> metrics) {}

  private static void conversationInLogs(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id != null && InboundFrame.ID.matcher(id).matches()) {
      LogContext.conversation(id);
    }
    ctx.next();
  }

  /** The agent console's REST API and the handler that opens its live channel. */
  public record AgentRoutes(AgentApi api, Handler<RoutingContext> socket) {}

  /** One part of the admin API, mounted under its base path behind the admin checks. */
  @FunctionalInterface
  public interface AdminRoutes {
    void route(Router router, String base);
  }
}
