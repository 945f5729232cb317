package com.shopchat.admin;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.store.KnowledgeRecord;
import com.shopchat.store.KnowledgeRevision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The editable fields of a knowledge entry as JSON, checked the same way for the API and for each imported row.
 * Text is kept exactly as sent — markup included — because the console renders it as text; only its presence,
 * type and length are checked.
 */
public final class EntryFields {

  /** A field that is missing, of the wrong type or too long; the message names it. */
  public static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final Set<String> STATUSES = Set.of(KnowledgeRecord.DRAFT, KnowledgeRecord.PUBLISHED, KnowledgeRecord.ARCHIVED);
  static final int MAX_TITLE = 200;
  static final int MAX_ANSWER = 5_000;
  static final int MAX_QUESTIONS = 50;
  static final int MAX_QUESTION = 500;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 50;
  static final int MAX_CATEGORY = 50;

  private EntryFields() {
  }

  /** The entry with this id from {@code json}'s fields; throws {@link Invalid}. */
  public static KnowledgeEntry entry(String id, JsonObject json) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new Invalid("id must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    Object locale = json.getValue("locale");
    if (!"en".equals(locale) && !"zh".equals(locale)) {
      throw new Invalid("locale must be \"en\" or \"zh\"");
    }
    return new KnowledgeEntry(id, (String) locale, text(json, "title", MAX_TITLE, true),
      strings(json, "questions", MAX_QUESTIONS, MAX_QUESTION), text(json, "answer", MAX_ANSWER, true),
      strings(json, "tags", MAX_TAGS, MAX_TAG), text(json, "category", MAX_CATEGORY, false));
  }

  /** The {@code status} field, {@code draft} when absent; throws {@link Invalid}. */
  public static String status(JsonObject json) {
    Object status = json.getValue("status", KnowledgeRecord.DRAFT);
    if (!(status instanceof String s) || !STATUSES.contains(s)) {
      throw new Invalid("status must be draft, published or archived");
    }
    return s;
  }

  /** The stored entry as the API returns it. */
  public static JsonObject json(KnowledgeRecord record) {
    return fields(record.entry()).put("status", record.status()).put("revision", record.revision())
      .put("updatedAt", record.updatedAt() == null ? null : record.updatedAt().toInstant().toString());
  }

  /** One revision as the API returns it. */
  public static JsonObject json(KnowledgeRevision revision) {
    return new JsonObject().put("revision", revision.revision()).put("action", revision.action())
      .put("by", revision.staffEmail()).put("at", revision.at().toInstant().toString())
      .put("status", revision.status()).put("fields", fields(revision.entry()));
  }

  static JsonObject fields(KnowledgeEntry e) {
    return new JsonObject().put("id", e.id()).put("locale", e.locale()).put("title", e.title())
      .put("questions", new JsonArray(e.questions())).put("answer", e.answer()).put("tags", new JsonArray(e.tags()))
      .put("category", e.category());
  }

  private static String text(JsonObject json, String field, int max, boolean required) {
    Object value = json.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || (required && s.isBlank())) {
      throw new Invalid(field + (required ? " must be a non-empty string" : " must be a string"));
    }
    if (s.length() > max) {
      throw new Invalid(field + " is " + s.length() + " characters; the limit is " + max);
    }
    return s.isBlank() ? null : s;
  }

  private static List<String> strings(JsonObject json, String field, int maxItems, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new Invalid(field + " must be an array of strings");
    }
    if (array.size() > maxItems) {
      throw new Invalid(field + " has " + array.size() + " items; the limit is " + maxItems);
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new Invalid(field + " must hold non-empty strings only");
      }
      if (s.length() > maxLength) {
        throw new Invalid("an item of " + field + " is " + s.length() + " characters; the limit is " + maxLength);
      }
      out.add(s);
    }
    return out;
  }
}
