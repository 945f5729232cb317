package com.shopchat.promotion;

import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin API's promotion JSON: reading and checking a definition (every rule checked before anything is
 * stored, unknown fields refused) and writing promotions and their results.
 */
public final class PromotionFields {

  static final int MAX_NAME = 100;
  static final int MAX_TEXT = 500;
  static final int DEFAULT_ATTRIBUTION_HOURS = 72;
  private static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{3,32}");
  private static final Set<String> FIELDS = Set.of("name", "code", "percentOff", "amountOffCents", "rule",
    "thresholdCents", "hesitateMinutes", "hesitateViews", "textEn", "textZh", "maxOffersPerConversation",
    "validFrom", "validTo", "attributionHours");

  private PromotionFields() {
  }

  /** A checked definition of a promotion, new or edited (activation is separate). */
  public record Definition(String name, String code, Integer percentOff, Long amountOffCents, Promotion.Rule rule,
                           String textEn, String textZh, int maxOffersPerConversation, Instant validFrom,
                           Instant validTo, int attributionHours) {}

  /** Reads and checks a definition; a broken rule is a 400 naming the field. */
  public static Definition definition(JsonObject body) {
    JsonBodies.onlyFields(body, FIELDS);
    String name = text(body.getValue("name"), "name", MAX_NAME);
    Object rawCode = body.getValue("code");
    if (!(rawCode instanceof String code) || !CODE.matcher(code).matches()) {
      throw invalid("code must be 3 to 32 capital letters, digits, '-' or '_'");
    }
    Integer percent = optionalInt(body, "percentOff", 1, 90);
    Long amount = optionalLong(body, "amountOffCents", 1, 100_000_000L);
    if ((percent == null) == (amount == null)) {
      throw invalid("give exactly one of percentOff (1 to 90) or amountOffCents");
    }
    Promotion.Kind kind = body.getValue("rule") instanceof String r ? Promotion.Kind.fromWire(r) : null;
    if (kind == null) {
      throw invalid("rule must be first_purchase, cart_above or hesitating");
    }
    Long threshold = optionalLong(body, "thresholdCents", 0, 100_000_000L);
    Integer minutes = optionalInt(body, "hesitateMinutes", 1, 10080);
    Integer views = optionalInt(body, "hesitateViews", 1, 100);
    if (kind == Promotion.Kind.CART_ABOVE && threshold == null) {
      throw invalid("a cart_above rule needs thresholdCents");
    }
    if (kind == Promotion.Kind.HESITATING && (minutes == null || views == null)) {
      throw invalid("a hesitating rule needs hesitateMinutes and hesitateViews");
    }
    Promotion.Rule rule = new Promotion.Rule(kind, kind == Promotion.Kind.CART_ABOVE ? threshold : null,
      kind == Promotion.Kind.HESITATING ? minutes : null, kind == Promotion.Kind.HESITATING ? views : null);
    Integer max = optionalInt(body, "maxOffersPerConversation", 1, 5);
    Integer hours = optionalInt(body, "attributionHours", 1, 720);
    Instant from = instant(body, "validFrom");
    Instant to = instant(body, "validTo");
    if (from != null && to != null && !to.isAfter(from)) {
      throw invalid("validTo must come after validFrom");
    }
    return new Definition(name, code, percent, amount, rule, text(body.getValue("textEn"), "textEn", MAX_TEXT),
      text(body.getValue("textZh"), "textZh", MAX_TEXT), max == null ? 1 : max, from, to,
      hours == null ? DEFAULT_ATTRIBUTION_HOURS : hours);
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_field", message);
  }

  private static String text(Object raw, String field, int max) {
    if (!(raw instanceof String s) || s.isBlank() || s.strip().length() > max) {
      throw invalid(field + " must be a non-empty string of at most " + max + " characters");
    }
    return s.strip();
  }

  private static Integer optionalInt(JsonObject body, String field, int min, int max) {
    Long value = optionalLong(body, field, min, max);
    return value == null ? null : value.intValue();
  }

  private static Long optionalLong(JsonObject body, String field, long min, long max) {
    Object raw = body.getValue(field);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < min
        || ((Number) raw).longValue() > max) {
      throw invalid(field + " must be a whole number from " + min + " to " + max);
    }
    return ((Number) raw).longValue();
  }

  private static Instant instant(JsonObject body, String field) {
    Object raw = body.getValue(field);
    if (raw == null) {
      return null;
    }
    try {
      if (raw instanceof String s) {
        return Instant.parse(s);
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw invalid(field + " must be an ISO-8601 instant such as 2026-12-24T00:00:00Z");
  }

  /** A promotion as the API shows it. */
  public static JsonObject json(Promotion p) {
    Promotion.Rule r = p.rule();
    return new JsonObject().put("id", p.id()).put("name", p.name()).put("code", p.code())
      .put("percentOff", p.percentOff()).put("amountOffCents", p.amountOffCents()).put("rule", r.kind().wire())
      .put("thresholdCents", r.thresholdCents()).put("hesitateMinutes", r.hesitateMinutes())
      .put("hesitateViews", r.hesitateViews()).put("textEn", p.textEn()).put("textZh", p.textZh())
      .put("active", p.active()).put("maxOffersPerConversation", p.maxOffersPerConversation())
      .put("validFrom", text(p.validFrom())).put("validTo", text(p.validTo()))
      .put("attributionHours", p.attributionHours()).put("createdBy", p.createdBy())
      .put("createdAt", text(p.createdAt()));
  }

  /** A promotion's funnel: offers, clicks and redemptions, with click and redemption rates per offer. */
  public static JsonObject json(PromotionRepository.Results r) {
    return new JsonObject().put("offers", r.offers()).put("clicks", r.clicks()).put("redemptions", r.redemptions())
      .put("clickRate", r.offers() == 0 ? null : (double) r.clicks() / r.offers())
      .put("redemptionRate", r.offers() == 0 ? null : (double) r.redemptions() / r.offers());
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
