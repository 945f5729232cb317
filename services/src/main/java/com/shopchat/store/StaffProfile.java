package com.shopchat.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A staff member as admins manage them: who they are, what they may do, what chats routing gives them (languages,
 * topics, how many at once), whether they are online and how many chats they hold now. Never the password hash.
 */
public record StaffProfile(long id, String email, String displayName, List<String> roles, List<String> languages,
    List<String> topics, int maxChats, String presence, boolean disabled, OffsetDateTime createdAt, int chats) {

  /** Whether routing may give them chats: an enabled agent. */
  public boolean takesChats() {
    return !disabled && roles.contains(StaffUser.AGENT);
  }

  /** As the admin API answers it. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("email", email).put("displayName", displayName)
      .put("name", displayName != null ? displayName : email.substring(0, email.indexOf('@')))
      .put("roles", new JsonArray(roles)).put("languages", new JsonArray(languages))
      .put("topics", new JsonArray(topics)).put("maxChats", maxChats).put("presence", presence)
      .put("disabled", disabled).put("chats", chats)
      .put("createdAt", createdAt.withOffsetSameInstant(ZoneOffset.UTC).toString());
  }
}
