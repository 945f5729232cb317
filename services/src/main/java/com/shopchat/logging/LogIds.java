package com.shopchat.logging;

/**
 * The ids a log line is about: the request (an HTTP request, or one websocket frame and the turn it starts) and,
 * when there is one, the conversation. Immutable: a context's ids are replaced, never changed in place.
 */
public record LogIds(String requestId, String conversationId) {

  /** The MDC key of the request id, and the JSON field it becomes. */
  public static final String REQUEST_ID = "requestId";
  /** The MDC key of the conversation id, and the JSON field it becomes. */
  public static final String CONVERSATION_ID = "conversationId";

  /** The same request, now known to concern this conversation. */
  public LogIds withConversation(String id) {
    return new LogIds(requestId, id);
  }
}
