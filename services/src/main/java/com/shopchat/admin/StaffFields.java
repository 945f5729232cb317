package com.shopchat.admin;

import com.shopchat.config.AdminSettings;
import com.shopchat.handoff.HandoffTopics;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.store.StaffEdit;
import com.shopchat.store.StaffUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the team API's bodies: a new staff member, or the fields an admin changes on one. Everything is checked
 * before anything is stored; a bad field is a 400 {@code invalid_field} naming it, an unknown one a 400
 * {@code unknown_field} (a typo must not be silently ignored).
 */
public final class StaffFields {

  /** The languages agents can answer in: the widget's. */
  public static final List<String> LANGUAGES = List.of("en", "zh");
  static final int MAX_DISPLAY_NAME = 80;
  static final int MAX_PASSWORD = 200;
  static final int MAX_CHATS = 50;
  private static final Set<String> EDITABLE = Set.of("displayName", "roles", "languages", "topics", "maxChats",
    "disabled", "password");
  private static final Set<String> CREATABLE = Set.of("email", "password", "displayName", "roles", "languages",
    "topics", "maxChats");

  private StaffFields() {
  }

  /** A new staff member; email and password are checked (and the password hashed) by {@link StaffAccounts}. */
  public record NewMember(String email, String password, String displayName, List<String> roles,
      List<String> languages, List<String> topics, int maxChats) {}

  /** A change and, when the body has one, the new password (not hashed yet). */
  public record Change(StaffEdit edit, String password) {}

  /** {@code POST /api/admin/staff}'s body. */
  public static NewMember newMember(JsonObject body) {
    JsonBodies.onlyFields(body, CREATABLE);
    String email = body.getValue("email") instanceof String s ? s : null;
    if (email == null || email.isBlank()) {
      throw invalid("email is required");
    }
    String password = password(body);
    if (password == null) {
      throw invalid("password is required (at least " + AdminSettings.MIN_PASSWORD_LENGTH + " characters)");
    }
    List<String> roles = body.containsKey("roles") ? roles(body) : List.of(StaffUser.AGENT);
    List<String> languages = body.containsKey("languages") ? languages(body) : List.of("en");
    List<String> topics = body.containsKey("topics") ? topics(body) : List.of();
    int maxChats = body.containsKey("maxChats") ? maxChats(body) : 3;
    return new NewMember(email, password, displayName(body), roles, languages, topics, maxChats);
  }

  /** {@code PATCH /api/admin/staff/{id}}'s body: only the fields present change. */
  public static Change change(JsonObject body) {
    JsonBodies.onlyFields(body, EDITABLE);
    if (body.isEmpty()) {
      throw invalid("nothing to change: send one or more of " + String.join(", ", EDITABLE.stream().sorted()
        .toList()));
    }
    Boolean disabled = null;
    if (body.containsKey("disabled")) {
      if (!(body.getValue("disabled") instanceof Boolean b)) {
        throw invalid("disabled must be true or false");
      }
      disabled = b;
    }
    StaffEdit edit = new StaffEdit(body.containsKey("displayName"), displayName(body),
      body.containsKey("roles") ? roles(body) : null, body.containsKey("languages") ? languages(body) : null,
      body.containsKey("topics") ? topics(body) : null, body.containsKey("maxChats") ? maxChats(body) : null,
      disabled);
    return new Change(edit, password(body));
  }

  private static String displayName(JsonObject body) {
    Object value = body.getValue("displayName");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw invalid("displayName must be a string or null");
    }
    String name = s.strip();
    if (name.length() > MAX_DISPLAY_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid("displayName must be at most " + MAX_DISPLAY_NAME + " characters, without control characters");
    }
    return name.isEmpty() ? null : name;
  }

  private static String password(JsonObject body) {
    Object value = body.getValue("password");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.length() < AdminSettings.MIN_PASSWORD_LENGTH || s.length() > MAX_PASSWORD) {
      throw invalid("password must be " + AdminSettings.MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD + " characters");
    }
    return s;
  }

  private static List<String> roles(JsonObject body) {
    List<String> roles = subset(body, "roles", List.of(StaffUser.ADMIN, StaffUser.AGENT));
    if (roles.isEmpty()) {
      throw invalid("roles must hold admin, agent or both");
    }
    return roles;
  }

  private static List<String> languages(JsonObject body) {
    List<String> languages = subset(body, "languages", LANGUAGES);
    if (languages.isEmpty()) {
      throw invalid("languages must hold at least one of " + String.join(", ", LANGUAGES));
    }
    return languages;
  }

  private static List<String> topics(JsonObject body) {
    return subset(body, "topics", HandoffTopics.ALL);
  }

  private static int maxChats(JsonObject body) {
    Object value = body.getValue("maxChats");
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > MAX_CHATS) {
      throw invalid("maxChats must be a whole number from 1 to " + MAX_CHATS);
    }
    return ((Number) value).intValue();
  }

  /** The array's strings, each one of {@code allowed}, duplicates dropped, in the allowed order. */
  private static List<String> subset(JsonObject body, String field, List<String> allowed) {
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw invalid(field + " must be an array of " + String.join(", ", allowed));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof String s) || !allowed.contains(s)) {
        throw invalid(field + " may only hold " + String.join(", ", allowed));
      }
      seen.add(s);
    }
    List<String> ordered = new ArrayList<>(allowed);
    ordered.retainAll(seen);
    return List.copyOf(ordered);
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_field", message);
  }
}
