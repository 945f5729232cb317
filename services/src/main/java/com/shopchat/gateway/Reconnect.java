package com.shopchat.gateway;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * What a socket hears when this server shuts down: a {@code reconnect} frame, then a close with 1012 (Service
 * Restart), so widgets and agent consoles connect again (to another node, or here once restarted) and resume.
 */
public final class Reconnect {

  /** The close code (IANA registry, RFC 6455 §7.4): the server is restarting; a client should reconnect. */
  public static final short SERVICE_RESTART = 1012;
  /** The close reason sent with {@link #SERVICE_RESTART}. */
  public static final String REASON = "service restart";
  /** The {@code reason} of the {@code reconnect} frame. */
  public static final String SERVER_SHUTDOWN = "server_shutdown";

  private Reconnect() {
  }

  /** {@code {"type":"reconnect","reason":"server_shutdown"}}. */
  public static JsonObject frame() {
    return new JsonObject().put("type", "reconnect").put("reason", SERVER_SHUTDOWN);
  }

  /** Tells the client to reconnect, unless it is gone already. */
  public static void tell(ServerWebSocket ws) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame().encode());
    }
  }

  /** Closes with 1012; a socket the client closed meanwhile is left alone. */
  public static void close(ServerWebSocket ws) {
    if (!ws.isClosed()) {
      ws.close(SERVICE_RESTART, REASON);
    }
  }
}
