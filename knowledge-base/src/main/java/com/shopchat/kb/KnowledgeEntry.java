package com.shopchat.kb;

import java.util.List;
import java.util.Objects;

/**
 * One answer of the shop's knowledge base, in one locale, with the question variants customers use to ask for it.
 *
 * @param id stable identifier, shared with the PostgreSQL row; the index upserts by it
 * @param locale {@code "en"} or {@code "zh"}
 * @param title short headline, shown as a quick reply
 * @param questions ways a customer may phrase the question; may be empty
 * @param answer the text the bot replies with
 * @param tags free keywords that help retrieval; may be empty
 * @param category grouping for the admin console; may be {@code null}
 */
public record KnowledgeEntry(String id, String locale, String title, List<String> questions, String answer,
                             List<String> tags, String category) {

  /** Validates at construction so a bad row fails when it is loaded, not when it is half-indexed. */
  public KnowledgeEntry {
    requireText(id, "id");
    if (!LocaleAnalyzers.isSupported(locale)) {
      throw new IllegalArgumentException("locale must be one of " + LocaleAnalyzers.LOCALES + ", got: " + locale);
    }
    requireText(title, "title");
    requireText(answer, "answer");
    questions = copyOf(questions, "questions");
    tags = copyOf(tags, "tags");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static List<String> copyOf(List<String> values, String name) {
    if (values == null) {
      return List.of();
    }
    // List.copyOf throws a bare NPE on a null element; name the field instead.
    values.forEach(v -> Objects.requireNonNull(v, name + " must not contain null"));
    return List.copyOf(values);
  }
}
