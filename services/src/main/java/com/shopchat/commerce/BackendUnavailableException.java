package com.shopchat.commerce;

/** The shop backend could not answer: down, too slow, a server error, or the circuit breaker is open. */
public final class BackendUnavailableException extends RuntimeException {

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public BackendUnavailableException(String message) {
    super(message);
  }
}
