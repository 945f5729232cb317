package com.shopchat.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The bot's own sentences, one resource per locale ({@code dialogue/replies_en.properties},
 * {@code dialogue/replies_zh.properties}, UTF-8), so they can be edited without touching the flows. A
 * template names its values in braces: {@code "Your order {order} is on its way."}. Knowledge answers come
 * from the knowledge base instead.
 */
public final class Replies {

  public static final Set<String> LOCALES = Set.of("en", "zh");
  private static final String DEFAULT_LOCALE = "en";

  private final Map<String, Map<String, String>> byLocale;

  private Replies(Map<String, Map<String, String>> byLocale) {
    this.byLocale = byLocale;
  }

  /** The templates shipped in the jar. Reads the class path: call once at start (it is small). */
  public static Replies load() {
    Map<String, Map<String, String>> all = new HashMap<>();
    for (String locale : LOCALES) {
      all.put(locale, read("dialogue/replies_" + locale + ".properties"));
    }
    return new Replies(all);
  }

  /** Every template key of a locale (for the test that both locales say everything). */
  Set<String> keys(String locale) {
    return byLocale.get(locale).keySet();
  }

  /**
   * The template {@code key} in {@code locale} (English when the locale is unknown) with each
   * {@code {name}} replaced: {@code values} alternate names and values.
   */
  public String get(String locale, String key, Object... values) {
    String template = byLocale.getOrDefault(locale, byLocale.get(DEFAULT_LOCALE)).get(key);
    if (template == null) {
      throw new IllegalArgumentException("no reply template " + key + " for " + locale);
    }
    if (values.length % 2 != 0) {
      throw new IllegalArgumentException("values must be name/value pairs: " + key);
    }
    String text = template;
    for (int i = 0; i < values.length; i += 2) {
      text = text.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
    }
    return text;
  }

  /** The template {@code key} when there is one (no values filled in), else {@code fallback}. */
  public String getOrDefault(String locale, String key, String fallback) {
    return byLocale.getOrDefault(locale, byLocale.get(DEFAULT_LOCALE)).getOrDefault(key, fallback);
  }

  private static Map<String, String> read(String resource) {
    try (InputStream in = Replies.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("reply templates missing: " + resource);
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new HashMap<>();
      properties.forEach((k, v) -> out.put((String) k, ((String) v).strip()));
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
