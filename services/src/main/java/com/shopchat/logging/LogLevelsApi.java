package com.shopchat.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.shopchat.admin.StaffAuth;
import com.shopchat.config.LogSettings;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/admin/logging}: the loggers and their levels ({@code GET}), and a logger's level changed at run time
 * ({@code PUT …/{logger}} with {@code {"level":"DEBUG"}}; {@code null} lets it inherit again). Mounted behind the
 * admin checks (signed-in admin, CSRF token on writes); a change lasts until the process restarts.
 */
public final class LogLevelsApi {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogLevelsApi.class);
  // ROOT, or a dotted Java name: what a logger is called after its class or package. Bounded, so nobody fills
  // the logger context with junk names.
  private static final Pattern NAME = Pattern.compile("ROOT|[A-Za-z_$][\\w$-]*(?:\\.[A-Za-z_$][\\w$-]*)*");
  private static final int MAX_NAME = 200;

  private final LoggerContext context;

  private LogLevelsApi(LoggerContext context) {
    this.context = context;
  }

  /** The API over the running logback. */
  public static LogLevelsApi create() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("logback is not the logging backend");
    }
    return new LogLevelsApi(context);
  }

  /** Mounts the two routes under {@code base}. */
  public void route(Router router, String base) {
    router.get(base).handler(this::list);
    router.put(base + "/:logger").handler(BodyHandler.create(false).setBodyLimit(1024)).handler(this::change);
  }

  private void list(RoutingContext ctx) {
    JsonArray loggers = new JsonArray();
    context.getLoggerList().stream().sorted(Comparator.comparing(Logger::getName))
      .forEach(logger -> loggers.add(describe(logger)));
    ctx.json(new JsonObject().put("loggers", loggers));
  }

  private void change(RoutingContext ctx) {
    String name = ctx.pathParam("logger");
    if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new ApiError(400, "invalid_logger", "a logger is ROOT or a dotted name such as com.shopchat.gateway");
    }
    Level level = level(JsonBodies.object(ctx), name);
    Logger logger = context.getLogger(name);
    logger.setLevel(level);
    LOG.info("log level of {} set to {} by staff {}", logger.getName(), level == null ? "inherited" : level,
      StaffAuth.user(ctx).id());
    ctx.json(describe(logger));
  }

  /** The body's level: one of {@link LogSettings#LEVELS}, or {@code null} (inherit) for any logger but ROOT. */
  private static Level level(JsonObject body, String name) {
    Object raw = body.getValue("level");
    if (raw == null && body.containsKey("level") && !Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(name)) {
      return null;
    }
    String level = raw instanceof String s ? s.toUpperCase(Locale.ROOT) : "";
    if (!LogSettings.LEVELS.contains(level)) {
      throw new ApiError(400, "invalid_level", "level must be one of " + String.join(", ", LogSettings.LEVELS)
        + (Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(name) ? "" : ", or null to inherit"));
    }
    return Level.toLevel(level);
  }

  private static JsonObject describe(Logger logger) {
    return new JsonObject().put("name", logger.getName())
      .put("level", logger.getLevel() == null ? null : logger.getLevel().toString())
      .put("effectiveLevel", logger.getEffectiveLevel().toString());
  }
}
