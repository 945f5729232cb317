package com.shopchat.events;

import com.shopchat.config.EventSettings;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.recommend.BehaviourEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/events}: the shop's site sends batches of behaviour events with its {@code X-Api-Key}. A batch
 * is stored whole or not at all: one bad event and the 400 lists every bad event by index. Rules: docs/events.md.
 */
public final class EventsApi {

  /** The most events in one batch. */
  public static final int MAX_BATCH = 500;
  /** Room for a full batch of long events; beyond it: 413. */
  public static final long BODY_LIMIT = 1024 * 1024;
  public static final String KEY_HEADER = "X-Api-Key";

  private final EventStore store;
  private final EventParser parser;
  private final byte[] keyDigest;
  private final RequestRate rate;

  public EventsApi(EventStore store, EventParser parser, EventSettings settings) {
    this.store = store;
    this.parser = parser;
    this.keyDigest = settings.apiEnabled() ? sha256(settings.apiKey()) : null;
    this.rate = new RequestRate(settings.ratePerSecond(), System::nanoTime);
  }

  /** Adds the route; the key and the rate are checked before the body is read. */
  public void route(Router router) {
    router.post("/api/events").handler(this::authorize);
    router.post("/api/events").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::ingest);
  }

  private void authorize(RoutingContext ctx) {
    if (keyDigest == null) {
      ctx.fail(new ApiError(503, "events_disabled", "the events API is off: no EVENTS_API_KEY is configured"));
      return;
    }
    String key = ctx.request().getHeader(KEY_HEADER);
    // Digests of equal length, compared in constant time: neither the key nor its length leaks through timing.
    if (key == null || !MessageDigest.isEqual(keyDigest, sha256(key))) {
      ctx.fail(new ApiError(401, "unauthorized", "send the shop's events key in " + KEY_HEADER));
      return;
    }
    if (!rate.tryAcquire()) {
      ctx.response().putHeader("Retry-After", "1");
      ctx.fail(new ApiError(429, "too_many_requests", "too many event batches; send fewer, larger ones"));
      return;
    }
    ctx.next();
  }

  private void ingest(RoutingContext ctx) {
    List<BehaviourEvent> events;
    try {
      events = parse(JsonBodies.anyText(ctx));
    } catch (ApiError e) {
      ctx.fail(e);
      return;
    }
    store.ingest(events, EventSource.API)
      .onSuccess(result -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("accepted", result.accepted()).put("duplicates", result.duplicates()).encode()))
      .onFailure(ctx::fail);
  }

  /** Every event of the batch, or a 400 naming each bad one by its index. */
  private List<BehaviourEvent> parse(JsonObject body) {
    if (!(body.getValue("events") instanceof JsonArray array) || array.isEmpty()) {
      throw new ApiError(400, "invalid_field", "the body needs 'events': a non-empty array");
    }
    if (array.size() > MAX_BATCH) {
      throw new ApiError(400, "too_many_events", "a batch holds at most " + MAX_BATCH + " events; this one has "
        + array.size());
    }
    List<BehaviourEvent> events = new ArrayList<>(array.size());
    JsonArray problems = new JsonArray();
    for (int i = 0; i < array.size(); i++) {
      try {
        if (!(array.getValue(i) instanceof JsonObject json)) {
          throw new InvalidEvent("an event must be a JSON object");
        }
        events.add(parser.fromApi(json));
      } catch (InvalidEvent e) {
        problems.add(new JsonObject().put("index", i).put("reason", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiError(400, "invalid_events", problems.size() + " of " + array.size()
        + " events are invalid; nothing was stored", new JsonObject().put("events", problems));
    }
    return events;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
