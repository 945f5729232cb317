package com.shopchat.http;

import io.vertx.core.json.JsonObject;

/** An HTTP failure with the status, a stable machine-readable code and a message for people. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject details;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  /** With {@code details}: more fields for the error object (e.g. the bad rows of an import), next to code and message. */
  public ApiError(int status, String code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Extra fields of the error object, or {@code null}. */
  public JsonObject details() {
    return details;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
