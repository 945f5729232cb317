package com.shopchat.dialogue;

import com.shopchat.commerce.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a postal address a shopper typed: "Hauptstraße 12, 10115 Berlin, Germany" or "世纪大道100号，200120 上海，中国".
 * Parts are separated by commas or new lines; one part after the first holds the postcode and the city; a
 * last part may name the country. What the shopper leaves out (the name, the country) is kept from the
 * order's current address. Anything else is not read as an address.
 */
final class AddressReader {

  private static final Pattern PARTS = Pattern.compile("\\s*[,，\\n;；]\\s*");
  private static final Pattern POSTCODE_CITY = Pattern.compile(
    // "80331 München" (postcode first) or "London SW1A 2AA" (city first).
    "^(?:([A-Za-z0-9][A-Za-z0-9 -]{1,9}?\\d[A-Za-z0-9]*)\\s+(\\p{L}[\\p{L} .'-]*)"
      + "|(\\p{L}[\\p{L} .'-]*?)\\s+([A-Za-z0-9]*\\d[A-Za-z0-9 -]{1,9}))$");

  private AddressReader() {
  }

  /** The address in {@code text}, completed from {@code current}; {@code null} when it does not read as one. */
  static Address read(String text, Address current) {
    List<String> parts = new ArrayList<>(List.of(PARTS.split(text.strip())));
    parts.removeIf(String::isBlank);
    if (parts.size() < 2 || parts.get(0).length() < 3 || parts.get(0).chars().noneMatch(Character::isDigit)) {
      return null;
    }
    String country = current == null ? null : current.country();
    String last = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    if (parts.size() >= 3 && Countries.code(last) != null) {
      country = Countries.code(last);
      parts.remove(parts.size() - 1);
    }
    Matcher m = POSTCODE_CITY.matcher(parts.get(parts.size() - 1));
    if (parts.size() > 2 || !m.matches() || country == null) {
      return null;
    }
    String postcode = m.group(1) != null ? m.group(1) : m.group(4);
    String city = m.group(1) != null ? m.group(2) : m.group(3);
    String name = current == null ? null : current.name();
    return new Address(name, parts.get(0), city.strip(), postcode.strip(), country);
  }
}
