package com.shopchat.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Reading a request body as the JSON object every POST of our HTTP APIs takes. */
public final class JsonBodies {

  /** Why a value holding U+0000 is refused, for HTTP and the websocket alike. */
  public static final String NUL_MESSAGE = "text must not contain NUL (U+0000) characters";

  private JsonBodies() {
  }

  /**
   * The body as a JSON object; no body, malformed JSON, an array or {@code null} is a 400 {@code bad_json}, and a
   * string anywhere in it holding U+0000 a 400 {@code invalid_field}.
   */
  public static JsonObject object(RoutingContext ctx) {
    JsonObject body = anyText(ctx);
    if (containsNul(body)) {
      throw new ApiError(400, "invalid_field", NUL_MESSAGE);
    }
    return body;
  }

  /**
   * As {@link #object}, but NUL characters are left for the caller's own rules to refuse (the events API names
   * each bad event by its index).
   */
  public static JsonObject anyText(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      throw new ApiError(400, "bad_json", "the body is not a JSON object");
    }
    return body;
  }

  /**
   * Whether any string in the JSON value (keys included) holds U+0000. PostgreSQL's text cannot store it, so a
   * write carrying one failed as a 500 (an {@code internal} frame on the websocket) instead of a clear refusal.
   * Nesting is bounded by the JSON parser's depth limit.
   */
  public static boolean containsNul(Object value) {
    if (value instanceof String s) {
      return s.indexOf('\0') >= 0;
    }
    if (value instanceof JsonObject object) {
      for (var field : object) {
        if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (containsNul(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Refuses a body with a field outside {@code allowed} (400 {@code unknown_field}): a typo is never ignored. */
  public static JsonObject onlyFields(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new ApiError(400, "unknown_field", "unknown field '" + field + "'; expected "
          + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return body;
  }
}
