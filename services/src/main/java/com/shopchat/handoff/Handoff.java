package com.shopchat.handoff;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One request for a person in a conversation: queued until an agent takes it, assigned while they hold it, ended
 * when they hand it back to the bot or close the conversation.
 */
public record Handoff(long id, String conversationId, String state, String reason, int priority, String locale,
    String topic, Long agentId, String agentName, String contactEmail, OffsetDateTime requestedAt,
    OffsetDateTime assignedAt, OffsetDateTime endedAt, String endedHow) {

  public static final String QUEUED = "queued";
  public static final String ASSIGNED = "assigned";
  public static final String ENDED = "ended";

  public static final String SHOPPER_ASKED = "shopper_asked";
  public static final String MISUNDERSTOOD = "misunderstood";
  public static final String FRUSTRATED = "frustrated";
  public static final String COMPLAINT = "complaint";
  /** The request is one the shop always hands to a person ({@link HandoffRules}). */
  public static final String POLICY = "policy";
  public static final String AGENT_JOINED = "agent_joined";

  public static final String HANDED_BACK = "handed_back";
  public static final String CLOSED = "closed";

  public boolean active() {
    return !ENDED.equals(state);
  }

  /** As agents see it in their queue and chat list. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("conversationId", conversationId).put("state", state)
      .put("reason", reason).put("priority", priority).put("locale", locale).put("requestedAt", time(requestedAt));
    if (topic != null) {
      json.put("topic", topic);
    }
    if (agentId != null) {
      json.put("agent", new JsonObject().put("id", agentId).put("name", agentName));
    }
    if (contactEmail != null) {
      json.put("contactEmail", contactEmail);
    }
    if (assignedAt != null) {
      json.put("assignedAt", time(assignedAt));
    }
    if (endedAt != null) {
      json.put("endedAt", time(endedAt)).put("how", endedHow);
    }
    return json;
  }

  static String time(OffsetDateTime at) {
    return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
