package com.shopchat.analytics;

import com.shopchat.http.ApiError;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The period and filters of a dashboard or review request, read from its query string: {@code from} and
 * {@code to} (UTC days, both included; by default the 30 days ending today), {@code locale} and {@code channel}
 * (all when absent). A bad value is a 400 {@code invalid_parameter} naming it.
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, String locale, String channel) {

  /** The longest period one request may cover. */
  public static final int MAX_DAYS = 366;
  static final int DEFAULT_DAYS = 30;
  static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  /** The filter a query string asks for, on the day {@code clock} says it is. */
  public static AnalyticsFilter of(MultiMap query, Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate to = date(query, "to", today);
    LocalDate from = date(query, "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      throw invalid("from must not be after to");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw invalid("the period may cover at most " + MAX_DAYS + " days");
    }
    String locale = param(query, "locale");
    if (locale != null && !locale.equals("en") && !locale.equals("zh")) {
      throw invalid("locale must be en or zh");
    }
    String channel = param(query, "channel");
    if (channel != null && !CHANNEL.matcher(channel).matches()) {
      throw invalid("channel must be a channel name such as web (lower-case letters, digits, _)");
    }
    return new AnalyticsFilter(from, to, locale, channel);
  }

  /** The period's first instant (midnight UTC of {@code from}). */
  public OffsetDateTime start() {
    return from.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The instant after the period (midnight UTC after {@code to}). */
  public OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The number of days in the period. */
  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** A single-valued parameter, blank as absent; NUL or a repeated parameter is refused. */
  static String param(MultiMap query, String name) {
    if (query.getAll(name).size() > 1) {
      throw invalid(name + " may be given once");
    }
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.indexOf('\0') >= 0) {
      throw invalid(name + " must not contain NUL (U+0000) characters");
    }
    return value.strip();
  }

  static ApiError invalid(String message) {
    return new ApiError(400, "invalid_parameter", message);
  }

  private static LocalDate date(MultiMap query, String name, LocalDate otherwise) {
    String value = param(query, name);
    if (value == null) {
      return otherwise;
    }
    try {
      LocalDate date = LocalDate.parse(value);
      if (date.getYear() < 2000 || date.getYear() > 2999) {
        throw invalid(name + " must be a day between 2000 and 2999");
      }
      return date;
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be a day written YYYY-MM-DD");
    }
  }
}
