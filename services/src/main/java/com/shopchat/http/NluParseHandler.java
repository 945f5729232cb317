package com.shopchat.http;

import com.shopchat.nlu.model.IntentScore;
import com.shopchat.nlu.serve.IntentParser;
import com.shopchat.nlu.serve.Parse;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /api/nlu/parse}: {@code {"text","locale"}} in, the intent, the top-5 ranking, entities and
 * the model version out. Bad input gets the error shape with the same codes as the chat protocol.
 *
 * <p>Entity spans are char offsets (UTF-16 code units, as JavaScript's {@code String} counts them) into the
 * {@code text} exactly as sent, end exclusive: the text is stripped of surrounding spaces before parsing, and
 * the spans are shifted back.
 */
public final class NluParseHandler implements Handler<RoutingContext> {

  private static final Set<String> LOCALES = Set.of("en", "zh");

  private final IntentParser parser;
  private final int maxTextLength;

  public NluParseHandler(IntentParser parser, int maxTextLength) {
    this.parser = parser;
    this.maxTextLength = maxTextLength;
  }

  /**
   * Reads the body up to a limit that any legal request fits: every character of the longest text
   * JSON-escaped as {@code \\uXXXX} (6 bytes), plus room for the other fields. Beyond it: 413.
   */
  public BodyHandler bodyHandler() {
    return BodyHandler.create(false).setBodyLimit(maxTextLength * 6L + 1024);
  }

  /** Turns away anything but JSON before its body is read: 415. */
  public static void requireJson(RoutingContext ctx) {
    var type = ctx.parsedHeaders().contentType();
    if (type == null || !"application/json".equalsIgnoreCase(type.value())) {
      ctx.fail(new ApiError(415, "unsupported_media_type", "send the request as application/json"));
      return;
    }
    ctx.next();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String sent;
    String locale;
    try {
      JsonObject body = JsonBodies.object(ctx);
      sent = text(body);
      locale = locale(body);
    } catch (ApiError e) {
      ctx.fail(e);
      return;
    }
    String text = sent.strip();
    int shift = sent.indexOf(text);
    parser.parse(text, locale)
      .onSuccess(parse -> ctx.json(toJson(parse, shift)))
      .onFailure(e -> ctx.fail(e instanceof RejectedExecutionException
        ? new ApiError(503, "overloaded", "the NLU is busy; try again shortly") : e));
  }

  /** The text as sent; its length is checked without the surrounding spaces, which parsing drops. */
  private String text(JsonObject body) {
    Object text = body.getValue("text");
    if (text == null || text instanceof String s && s.isBlank()) {
      throw new ApiError(400, "missing_field", "the body needs a non-empty 'text'");
    }
    if (!(text instanceof String s)) {
      throw new ApiError(400, "invalid_field", "'text' must be a string");
    }
    String trimmed = s.strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > maxTextLength) {
      throw new ApiError(400, "text_too_long", "text is " + length + " characters; the limit is " + maxTextLength);
    }
    return s;
  }

  private static String locale(JsonObject body) {
    Object locale = body.getValue("locale", "en");
    if (!(locale instanceof String s) || !LOCALES.contains(s)) {
      throw new ApiError(400, "invalid_field", "locale must be \"en\" or \"zh\"");
    }
    return s;
  }

  /** The parse as JSON, entity spans moved {@code shift} chars right, onto the text as sent. */
  private static JsonObject toJson(Parse parse, int shift) {
    JsonArray ranking = new JsonArray();
    parse.ranking().forEach(score -> ranking.add(score(score)));
    JsonArray entities = new JsonArray();
    parse.entities().forEach(e -> entities.add(new JsonObject().put("type", e.type()).put("value", e.value())
      .put("start", e.start() + shift).put("end", e.end() + shift)));
    return new JsonObject()
      .put("intent", score(parse.intent()))
      .put("ranking", ranking)
      .put("entities", entities)
      .put("modelVersion", parse.modelVersion());
  }

  private static JsonObject score(IntentScore score) {
    return new JsonObject().put("name", score.intent()).put("confidence", score.confidence());
  }
}
