package com.shopchat.http;

import com.shopchat.store.DatabaseFaults;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's one failure handler: every error leaves as {@code {"error":{"code","message"}}}; 5xx are logged. An
 * unreachable PostgreSQL is {@code 503 unavailable} with {@code Retry-After}, not a {@code 500 internal}.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String code;
    String message;
    JsonObject details = null;
    if (failure instanceof ApiError api) {
      details = api.details();
      status = api.status();
      code = api.code();
      message = api.getMessage();
    } else if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      code = codeFor(status);
      message = http.getPayload() != null ? http.getPayload() : codeFor(status).replace('_', ' ');
    } else if (DatabaseFaults.unreachable(failure)) {
      // Not a bug here: clients (the consoles' outboxes) try again on 503, and a write with an id is stored once.
      status = 503;
      code = "unavailable";
      message = "the server cannot reach its storage right now; try again in a moment";
      ctx.response().putHeader("Retry-After", "2");
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      code = codeFor(status);
      message = code.replace('_', ' ');
    } else {
      status = 500;
      code = "internal";
      message = "internal error";
    }
    if ("unavailable".equals(code)) {
      LOG.warn("{} {} failed, the database is unreachable: {}", ctx.request().method(), ctx.request().path(),
        failure.toString());
    } else if (status >= 500) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    JsonObject error = details == null ? new JsonObject() : details.copy();
    error.put("code", code).put("message", message);
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
      .end(new JsonObject().put("error", error).encode());
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 409 -> "conflict";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 413 -> "too_large";
      default -> status >= 500 ? "internal" : "error";
    };
  }
}
