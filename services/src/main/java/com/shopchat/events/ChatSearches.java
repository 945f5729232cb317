package com.shopchat.events;

import com.shopchat.nlu.entity.Entity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query of a search event: {@code category:footwear brand:"Maple & Thread"}. The chat writes one from the
 * catalog entities it understood (never the shopper's words, which may hold personal data); profiles read the
 * categories and brands named in any search's query, the shop's own searches included.
 */
public final class ChatSearches {

  private static final Pattern TERM = Pattern.compile("\\b(category|brand):(?:\"([^\"]*)\"|(\\S+))");

  private ChatSearches() {
  }

  /** A category or brand a query names. */
  public record Term(String field, String value) {}

  /** The categories and brands among the entities, as a query; {@code null} when there are none. */
  public static String summary(List<Entity> entities) {
    Set<String> terms = new LinkedHashSet<>();
    for (Entity e : entities) {
      if (e.type().equals(Entity.CATEGORY) || e.type().equals(Entity.BRAND)) {
        terms.add(e.type() + ":" + quoted(e.value()));
      }
    }
    String query = String.join(" ", terms);
    return query.isEmpty() || query.length() > EventParser.MAX_QUERY ? null : query;
  }

  /** The {@code category:} and {@code brand:} terms of a query, in order. */
  public static List<Term> terms(String query) {
    List<Term> terms = new ArrayList<>();
    if (query == null) {
      return terms;
    }
    Matcher m = TERM.matcher(query);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3);
      if (!value.isBlank()) {
        terms.add(new Term(m.group(1), value));
      }
    }
    return terms;
  }

  private static String quoted(String value) {
    String clean = value.replace("\"", "");
    return clean.chars().anyMatch(Character::isWhitespace) ? "\"" + clean + "\"" : clean;
  }
}
