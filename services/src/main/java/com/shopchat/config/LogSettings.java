package com.shopchat.config;

import java.util.List;
import java.util.Locale;

/**
 * The logs at start: the root level ({@code LOG_LEVEL}; admins change levels at run time through
 * {@code /api/admin/logging}) and the line format ({@code LOG_FORMAT}: {@code json} for log collectors,
 * {@code text} for people reading a terminal).
 */
public record LogSettings(String level, String format) {

  /** The levels logback knows, most verbose first. */
  public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  /** One JSON object per line. */
  public static final String JSON = "json";
  /** One human-readable line per event. */
  public static final String TEXT = "text";

  /** Reads the two settings, upper- and lower-casing as logback and this project expect, or names the variable. */
  public static LogSettings of(String level, String format) {
    String lvl = level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(lvl)) {
      throw new ConfigException("LOG_LEVEL", "expected one of " + String.join(", ", LEVELS) + ", got '" + level + "'");
    }
    String fmt = format.trim().toLowerCase(Locale.ROOT);
    if (!fmt.equals(JSON) && !fmt.equals(TEXT)) {
      throw new ConfigException("LOG_FORMAT", "expected json or text, got '" + format + "'");
    }
    return new LogSettings(lvl, fmt);
  }
}
