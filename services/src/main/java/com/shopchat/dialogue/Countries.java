package com.shopchat.dialogue;

import java.util.Locale;
import java.util.Map;

/**
 * The ISO 3166 alpha-2 code the shop uses for a country a shopper named: the English short name the entity
 * extractor gives ("Germany", "United States"), a local or Chinese name typed in an address ("Deutschland", "中国"),
 * or the code itself.
 */
final class Countries {

  private static final Map<String, String> CODES = Map.ofEntries(
    Map.entry("germany", "DE"), Map.entry("deutschland", "DE"), Map.entry("德国", "DE"),
    Map.entry("austria", "AT"), Map.entry("österreich", "AT"), Map.entry("奥地利", "AT"),
    Map.entry("france", "FR"), Map.entry("法国", "FR"),
    Map.entry("netherlands", "NL"), Map.entry("荷兰", "NL"),
    Map.entry("belgium", "BE"), Map.entry("比利时", "BE"),
    Map.entry("switzerland", "CH"), Map.entry("瑞士", "CH"),
    Map.entry("italy", "IT"), Map.entry("意大利", "IT"),
    Map.entry("spain", "ES"), Map.entry("西班牙", "ES"),
    Map.entry("poland", "PL"), Map.entry("denmark", "DK"), Map.entry("sweden", "SE"),
    Map.entry("china", "CN"), Map.entry("中国", "CN"),
    Map.entry("japan", "JP"), Map.entry("日本", "JP"), Map.entry("canada", "CA"),
    Map.entry("united kingdom", "GB"), Map.entry("uk", "GB"), Map.entry("英国", "GB"),
    Map.entry("united states", "US"), Map.entry("usa", "US"), Map.entry("美国", "US"));

  private Countries() {
  }

  /** The code, or {@code null} when the name is not one the shop knows. */
  static String code(String nameOrCode) {
    String key = nameOrCode.strip().toLowerCase(Locale.ROOT);
    if (key.length() == 2 && key.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return CODES.containsValue(key.toUpperCase(Locale.ROOT)) ? key.toUpperCase(Locale.ROOT) : null;
    }
    return CODES.get(key);
  }
}
