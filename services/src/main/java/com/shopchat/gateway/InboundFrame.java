package com.shopchat.gateway;

import com.shopchat.events.EventParser;
import com.shopchat.http.JsonBodies;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A client frame that passed validation (docs/protocol.md). {@link #parse} turns raw text into one of the
 * records or throws a {@link ProtocolError} naming what is wrong; nothing partial gets through.
 */
public sealed interface InboundFrame {

  /** Start or resume a conversation; {@code identity} is the shop's signed token for the shopper, if any. */
  record Hello(String visitorId, String conversationId, int lastSeq, String locale, String identity)
    implements InboundFrame {}

  /** Something the shopper said (or a quick reply tapped). */
  record Message(String clientMsgId, String text, String payload) implements InboundFrame {}

  /** The shopper is typing. */
  record Typing() implements InboundFrame {}

  /**
   * A behaviour event from the widget (docs/events.md); its fields are checked against the socket's session when
   * it is handled. {@code id} is the event's id when it is a usable one (for the error frame), else null.
   */
  record Event(String id, JsonObject event) implements InboundFrame {}

  /**
   * The shopper's rating (1–5, optional comment) of a conversation an agent closed: the socket's own, or the one
   * named (a chat closed before a reload; it must be this visitor's).
   */
  record Rating(int rating, String comment, String conversationId) implements InboundFrame {}

  /** An email the shopper leaves while waiting for a person, so someone can write back. */
  record Contact(String email) implements InboundFrame {}

  /** Size limits the parser enforces. */
  record Limits(int maxFrameBytes, int maxTextLength) {}

  Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  Set<String> LOCALES = Set.of("en", "zh");
  int MAX_PAYLOAD = 200;
  int MAX_COMMENT = 1000;
  // Deliberately plain: one @, no spaces or angle brackets, a dot in the domain; the shop writes back to it.
  Pattern EMAIL = Pattern.compile("[^\\s@<>\"]{1,64}@[^\\s@<>\"]+\\.[^\\s@<>\"]{2,}");
  String TYPES = "hello, message, typing, event, rating or contact";

  static InboundFrame parse(String raw, Limits limits) {
    int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxFrameBytes()) {
      throw new ProtocolError("frame_too_large", "frame is " + bytes + " bytes; the limit is " + limits.maxFrameBytes());
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(raw);
    } catch (DecodeException e) {
      decoded = null;
    }
    if (!(decoded instanceof JsonObject json)) {
      throw new ProtocolError("bad_json", "frame is not a JSON object");
    }
    Object type = json.getValue("type");
    if (!(type instanceof String)) {
      throw new ProtocolError("unknown_type", "frame has no string 'type'; expected " + TYPES);
    }
    if (JsonBodies.containsNul(json)) {
      Object rawId = json.getValue("clientMsgId");
      throw new ProtocolError("invalid_field", JsonBodies.NUL_MESSAGE,
        rawId instanceof String s && ID.matcher(s).matches() ? s : null);
    }
    return switch ((String) type) {
      case "hello" -> hello(json);
      case "message" -> message(json, limits);
      case "typing" -> new Typing();
      case "event" -> event(json);
      case "rating" -> rating(json);
      case "contact" -> contact(json);
      default -> throw new ProtocolError("unknown_type", "unknown frame type '" + abbreviate((String) type)
        + "'; expected " + TYPES);
    };
  }

  private static Hello hello(JsonObject json) {
    String visitorId = id(json, "visitorId", true, null);
    String conversationId = id(json, "conversationId", false, null);
    Object lastSeq = json.getValue("lastSeq", 0);
    if (!(lastSeq instanceof Integer || lastSeq instanceof Long) || ((Number) lastSeq).longValue() < 0
      || ((Number) lastSeq).longValue() > Integer.MAX_VALUE) {
      throw new ProtocolError("invalid_field", "lastSeq must be a non-negative whole number");
    }
    Object locale = json.getValue("locale", "en");
    if (!(locale instanceof String) || !LOCALES.contains(locale)) {
      throw new ProtocolError("invalid_field", "locale must be \"en\" or \"zh\"");
    }
    // Only the type is checked here: a token that is no good is refused with identity_rejected, and the
    // shopper chats on anonymously.
    Object identity = json.getValue("identity");
    if (identity != null && !(identity instanceof String)) {
      throw new ProtocolError("invalid_field", "'identity' must be a string: the token the shop signed");
    }
    return new Hello(visitorId, conversationId, ((Number) lastSeq).intValue(), (String) locale, (String) identity);
  }

  private static Message message(JsonObject json, Limits limits) {
    Object rawId = json.getValue("clientMsgId");
    String clientMsgId = rawId instanceof String s && ID.matcher(s).matches() ? s : null;
    id(json, "clientMsgId", true, null);
    Object text = json.getValue("text");
    if (text == null || text instanceof String s && s.isBlank()) {
      throw new ProtocolError("missing_field", "message needs a non-empty 'text'", clientMsgId);
    }
    if (!(text instanceof String)) {
      throw new ProtocolError("invalid_field", "'text' must be a string", clientMsgId);
    }
    String trimmed = ((String) text).strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > limits.maxTextLength()) {
      throw new ProtocolError("text_too_long", "text is " + length + " characters; the limit is "
        + limits.maxTextLength(), clientMsgId);
    }
    Object payload = json.getValue("payload");
    if (payload != null && (!(payload instanceof String p) || p.length() > MAX_PAYLOAD)) {
      throw new ProtocolError("invalid_field", "'payload' must be a string of at most " + MAX_PAYLOAD
        + " characters", clientMsgId);
    }
    return new Message(clientMsgId, trimmed, (String) payload);
  }

  private static Event event(JsonObject json) {
    if (!(json.getValue("event") instanceof JsonObject event)) {
      throw new ProtocolError("missing_field", "an event frame needs 'event': a JSON object");
    }
    return new Event(EventParser.idOf(event), event);
  }

  private static Rating rating(JsonObject json) {
    Object rating = json.getValue("rating");
    if (!(rating instanceof Integer r) || r < 1 || r > 5) {
      throw new ProtocolError("invalid_field", "'rating' must be a whole number from 1 to 5");
    }
    Object comment = json.getValue("comment");
    if (comment != null && !(comment instanceof String)) {
      throw new ProtocolError("invalid_field", "'comment' must be a string");
    }
    String text = comment == null ? null : ((String) comment).strip();
    if (text != null && text.codePointCount(0, text.length()) > MAX_COMMENT) {
      throw new ProtocolError("text_too_long", "comment is longer than " + MAX_COMMENT + " characters");
    }
    return new Rating(r, text == null || text.isEmpty() ? null : text, id(json, "conversationId", false, null));
  }

  private static Contact contact(JsonObject json) {
    Object email = json.getValue("email");
    if (!(email instanceof String e) || e.length() > 254 || !EMAIL.matcher(e.strip()).matches()) {
      throw new ProtocolError("invalid_field", "'email' must be an email address");
    }
    return new Contact(e.strip());
  }

  private static String id(JsonObject json, String field, boolean required, String clientMsgId) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        throw new ProtocolError("missing_field", "'" + field + "' is required", clientMsgId);
      }
      return null;
    }
    if (!(value instanceof String s) || !ID.matcher(s).matches()) {
      throw new ProtocolError("invalid_field", "'" + field + "' must be 1-64 characters of A-Z a-z 0-9 _ -",
        clientMsgId);
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
