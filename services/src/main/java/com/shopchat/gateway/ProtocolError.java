package com.shopchat.gateway;

import io.vertx.core.json.JsonObject;

/** A frame the protocol refuses: its code and message go back to the client as an {@code error} frame. */
public final class ProtocolError extends RuntimeException {

  private final String code;
  private final String clientMsgId;

  public ProtocolError(String code, String message, String clientMsgId) {
    super(message, null, false, false);
    this.code = code;
    this.clientMsgId = clientMsgId;
  }

  public ProtocolError(String code, String message) {
    this(code, message, null);
  }

  public String code() {
    return code;
  }

  /** The {@code error} frame of docs/protocol.md. */
  public JsonObject toFrame() {
    JsonObject frame = new JsonObject().put("type", "error").put("code", code).put("message", getMessage());
    if (clientMsgId != null) {
      frame.put("clientMsgId", clientMsgId);
    }
    return frame;
  }
}
