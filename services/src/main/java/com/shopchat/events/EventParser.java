package com.shopchat.events;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one event's JSON into a {@link BehaviourEvent}, or refuses it with the rule it breaks (docs/events.md).
 * Who did it is the caller's to say: the API reads it from the event, the websocket from its session, so a
 * widget cannot speak for another visitor. Unknown fields are ignored.
 */
public final class EventParser {

  /** Ids and SKUs: 1–128 visible ASCII characters (no spaces or control characters). */
  static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
  static final int MAX_ID = 128;
  static final int MAX_SKUS = 50;
  static final int MAX_QUERY = 200;
  static final Pattern COUPON = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  static final long MAX_PRICE_CENTS = 100_000_000_000L;
  /** Clocks differ; an event a little ahead of ours is still believed. */
  static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  static final Duration MAX_AGE = Duration.ofDays(400);

  private final Clock clock;

  public EventParser(Clock clock) {
    this.clock = clock;
  }

  /** The event as sent to {@code POST /api/events}: its {@code visitorId} and {@code shopperId} are its own. */
  public BehaviourEvent fromApi(JsonObject json) {
    String visitorId = id(json, "visitorId", true);
    String shopperId = id(json, "shopperId", false);
    return parse(json, visitorId, shopperId);
  }

  /** The event as the widget sends it: whoever the frame claims to be, it is the socket's visitor and shopper. */
  public BehaviourEvent fromWidget(JsonObject json, String visitorId, String shopperId) {
    return parse(json, visitorId, shopperId);
  }

  private BehaviourEvent parse(JsonObject json, String visitorId, String shopperId) {
    String eventId = id(json, "id", true);
    Object rawType = json.getValue("type");
    EventType type = EventType.fromWire(rawType instanceof String s ? s : "")
      .orElseThrow(() -> new InvalidEvent("'type' must be one of view, click, add_to_cart, remove_from_cart, "
        + "purchase, search, rate"));
    List<String> skus = skus(json, type);
    Instant at = at(json);
    String query = query(json, type);
    Integer rating = rating(json, type);
    Long price = wholeNumber(json, "priceCents", 0, MAX_PRICE_CENTS);
    String impressionId = id(json, "impressionId", false);
    return new BehaviourEvent(eventId, type, visitorId, shopperId, skus, at, query, rating, price, impressionId,
      coupon(json, type));
  }

  /** The event's id when it is a usable one, to name the event in an error; else {@code null}. */
  public static String idOf(JsonObject json) {
    return json.getValue("id") instanceof String s && ID.matcher(s).matches() ? s : null;
  }

  private static String id(JsonObject json, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        throw new InvalidEvent("'" + field + "' is required");
      }
      return null;
    }
    if (!(value instanceof String s) || !ID.matcher(s).matches()) {
      throw new InvalidEvent("'" + field + "' must be 1-" + MAX_ID + " visible ASCII characters, no spaces");
    }
    return s;
  }

  /** {@code sku} or {@code skus}, not both; at least one except for a search. */
  private static List<String> skus(JsonObject json, EventType type) {
    Object one = json.getValue("sku");
    Object many = json.getValue("skus");
    if (one != null && many != null) {
      throw new InvalidEvent("send 'sku' or 'skus', not both");
    }
    List<String> skus = new ArrayList<>();
    if (one != null) {
      skus.add(sku(one));
    } else if (many != null) {
      if (!(many instanceof JsonArray array) || array.size() > MAX_SKUS) {
        throw new InvalidEvent("'skus' must be an array of at most " + MAX_SKUS + " SKUs");
      }
      for (Object sku : array) {
        String checked = sku(sku);
        if (!skus.contains(checked)) {
          skus.add(checked);
        }
      }
    }
    if (skus.isEmpty() && type != EventType.SEARCH) {
      throw new InvalidEvent("a " + type.wire() + " event needs 'sku' or 'skus'");
    }
    return skus;
  }

  private static String sku(Object value) {
    if (!(value instanceof String s) || !ID.matcher(s).matches()) {
      throw new InvalidEvent("a SKU must be 1-" + MAX_ID + " visible ASCII characters, no spaces");
    }
    return s;
  }

  /** An ISO-8601 instant with an offset, not far ahead of our clock nor older than we keep. */
  private Instant at(JsonObject json) {
    Object value = json.getValue("at");
    if (value == null) {
      throw new InvalidEvent("'at' is required");
    }
    Instant at;
    try {
      at = value instanceof String s && s.length() <= 40 ? Instant.parse(s) : null;
    } catch (DateTimeParseException e) {
      at = null;
    }
    if (at == null) {
      throw new InvalidEvent("'at' must be an ISO-8601 timestamp with a zone, e.g. 2025-05-01T12:00:00Z");
    }
    Instant now = clock.instant();
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      throw new InvalidEvent("'at' is more than 5 minutes in the future");
    }
    if (at.isBefore(now.minus(MAX_AGE))) {
      throw new InvalidEvent("'at' is more than 400 days ago");
    }
    return at;
  }

  /** Required for a search, refused for anything else; plain text without control characters. */
  /** The promotion code a purchase used (upper-cased, as promotions store codes); null when none. */
  private static String coupon(JsonObject json, EventType type) {
    Object value = json.getValue("coupon");
    if (value == null) {
      return null;
    }
    if (type != EventType.PURCHASE) {
      throw new InvalidEvent("'coupon' is for purchase events only");
    }
    if (!(value instanceof String s) || !COUPON.matcher(s).matches()) {
      throw new InvalidEvent("'coupon' must be 1 to 32 letters, digits, '-' or '_'");
    }
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  private static String query(JsonObject json, EventType type) {
    Object value = json.getValue("query");
    if (type != EventType.SEARCH) {
      if (value != null) {
        throw new InvalidEvent("'query' is for search events only");
      }
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidEvent("a search event needs a non-empty 'query'");
    }
    String query = s.strip();
    if (query.codePointCount(0, query.length()) > MAX_QUERY || query.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidEvent("'query' must be at most " + MAX_QUERY + " characters without control characters");
    }
    return query;
  }

  /** 1–5, required for a rate event and refused for anything else. */
  private static Integer rating(JsonObject json, EventType type) {
    Long rating = wholeNumber(json, "rating", 1, 5);
    if (type == EventType.RATE && rating == null) {
      throw new InvalidEvent("a rate event needs a 'rating' from 1 to 5");
    }
    if (type != EventType.RATE && rating != null) {
      throw new InvalidEvent("'rating' is for rate events only");
    }
    return rating == null ? null : rating.intValue();
  }

  private static Long wholeNumber(JsonObject json, String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
      || ((Number) value).longValue() > max) {
      throw new InvalidEvent("'" + field + "' must be a whole number from " + min + " to " + max);
    }
    return ((Number) value).longValue();
  }
}
