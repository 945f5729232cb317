package com.shopchat.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading a request body as the JSON object every POST of our HTTP APIs takes. */
public final class JsonBodies {

  private JsonBodies() {
  }

  /** The body as a JSON object; no body, malformed JSON, an array or {@code null} is a 400 {@code bad_json}. */
  public static JsonObject object(RoutingContext ctx) {
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
}
