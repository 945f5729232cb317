package com.shopchat.http;

import com.shopchat.logging.LogContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every HTTP request: gives it a request id — the caller's {@code X-Request-Id} when it is
 * sane (1-64 letters, digits, {@code . _ : -}), else a new one — echoed in the response's {@code X-Request-Id}
 * and carried by every log line of the request; and writes one access line when the response is sent.
 */
public final class RequestIds {

  /** The header a proxy or client may set, and the one every response carries. */
  public static final String HEADER = "X-Request-Id";
  // Bounded and plain: the id goes into every log line and a response header, so nothing that could forge a
  // line, a header or a JSON field gets in.
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  // Its own logger, so operators can quieten (or silence) access lines without touching the rest.
  private static final Logger ACCESS = LoggerFactory.getLogger("com.shopchat.http.access");

  private RequestIds() {
  }

  /** Sets the request's id and access line, then passes the request on. */
  public static void handle(RoutingContext ctx) {
    String id = of(ctx.request().getHeader(HEADER));
    LogContext.startRequest(id);
    ctx.put(HEADER, id);
    ctx.response().putHeader(HEADER, id);
    long started = System.nanoTime();
    ctx.addEndHandler(done -> access(ctx.request(), ctx.response().getStatusCode(), started));
    ctx.next();
  }

  /** The caller's id when it is sane, else a new one. */
  static String of(String incoming) {
    return incoming != null && SANE.matcher(incoming).matches() ? incoming : LogContext.newId();
  }

  /**
   * API calls and every failure at INFO; pages, scripts and health checks at DEBUG, where they do not drown the
   * rest. The path only: a query string may carry what the logs must not.
   */
  private static void access(HttpServerRequest request, int status, long startedNanos) {
    boolean info = status >= 400 || request.path().startsWith("/api/");
    if (info ? ACCESS.isInfoEnabled() : ACCESS.isDebugEnabled()) {
      long millis = (System.nanoTime() - startedNanos) / 1_000_000;
      String line = "{} {} {} {}ms";
      if (info) {
        ACCESS.info(line, request.method(), request.path(), status, millis);
      } else {
        ACCESS.debug(line, request.method(), request.path(), status, millis);
      }
    }
  }
}
