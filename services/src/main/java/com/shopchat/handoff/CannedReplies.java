package com.shopchat.handoff;

import com.shopchat.http.ApiError;
import com.shopchat.store.CannedReplyRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Canned replies for the agent console: stored in PostgreSQL and edited by admins; the shop's first set comes from
 * {@code agent/canned.json} on the first start (as do the placeholders' defaults, e.g. "there" for an unnamed
 * shopper). A reply's text may hold {@code {shopper}}, {@code {agent}} and {@code {order}}, which the console fills.
 */
public final class CannedReplies {

  private static final Logger LOG = LoggerFactory.getLogger(CannedReplies.class);
  /** The first set of replies and the placeholders' defaults, on the classpath (services/src/main/resources). */
  static final String RESOURCE = "agent/canned.json";
  /** What the console fills in. */
  public static final List<String> PLACEHOLDERS = List.of("shopper", "agent", "order");
  static final Set<String> LOCALES = Set.of("en", "zh");
  static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,40}");
  static final int MAX_TITLE = 80;
  static final int MAX_TEXT = 2000;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]{0,40})}");

  private final CannedReplyRepository repository;
  private JsonObject defaults = new JsonObject();

  public CannedReplies(CannedReplyRepository repository) {
    this.repository = repository;
  }

  /** Reads the resource: stores its replies the first time this database is started, keeps its defaults. */
  public Future<Void> start(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).compose(buffer -> {
      JsonObject file = buffer.toJsonObject();
      defaults = file.getValue("defaults") instanceof JsonObject d ? d : new JsonObject();
      return repository.seedOnce(checked(file));
    }).onSuccess(n -> {
      if (n > 0) {
        LOG.info("canned replies: {} stored from {}", n, RESOURCE);
      }
    }).mapEmpty();
  }

  /** As the agent console reads them: {@code {"replies":[…],"placeholders":[…],"defaults":{…}}}. */
  public Future<JsonObject> forAgents(String locale) {
    return repository.list().map(all -> new JsonObject()
      .put("replies", new JsonArray(all.stream().filter(r -> locale == null || locale.equals(r.getString("locale")))
        .map(r -> new JsonObject().put("id", r.getString("id")).put("locale", r.getString("locale"))
          .put("title", r.getString("title")).put("text", r.getString("text")))
        .toList()))
      .put("placeholders", new JsonArray(PLACEHOLDERS))
      .put("defaults", defaults.copy()));
  }

  public CannedReplyRepository repository() {
    return repository;
  }

  /**
   * Why a reply's fields are refused, or {@code null} when they are fine: a title of 1–80 characters, a text of
   * 1–2,000 whose {@code {…}} are only the placeholders the console fills (any other would reach the shopper as
   * typed).
   */
  static String refusal(Object title, Object text) {
    if (!(title instanceof String t) || t.isBlank() || t.strip().length() > MAX_TITLE) {
      return "title must be 1 to " + MAX_TITLE + " characters";
    }
    if (!(text instanceof String x) || x.isBlank() || x.strip().length() > MAX_TEXT) {
      return "text must be 1 to " + MAX_TEXT + " characters";
    }
    Matcher m = PLACEHOLDER.matcher(x);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        return "text may only use the placeholders {shopper}, {agent} and {order}, not " + m.group();
      }
    }
    return null;
  }

  /** The resource's replies, each checked like an admin's. */
  static JsonArray checked(JsonObject file) {
    JsonArray replies = file.getJsonArray("replies");
    if (replies == null) {
      throw new IllegalStateException(RESOURCE + " has no \"replies\" array");
    }
    JsonArray out = new JsonArray();
    for (Object o : replies) {
      if (!(o instanceof JsonObject r) || !(r.getValue("id") instanceof String id) || !ID.matcher(id).matches()
          || !LOCALES.contains(r.getValue("locale")) || refusal(r.getValue("title"), r.getValue("text")) != null) {
        throw new IllegalStateException(RESOURCE + ": a reply needs an id, a locale (en, zh), a title and a "
          + "text: " + o);
      }
      out.add(new JsonObject().put("id", id).put("locale", r.getString("locale"))
        .put("title", r.getString("title").strip()).put("text", r.getString("text").strip()));
    }
    return out;
  }

  /** A 400 {@code invalid_field} unless the fields are fine. */
  static void check(Object title, Object text) {
    String refused = refusal(title, text);
    if (refused != null) {
      throw new ApiError(400, "invalid_field", refused);
    }
  }
}
