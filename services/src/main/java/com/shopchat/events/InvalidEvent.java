package com.shopchat.events;

/** An event the rules of docs/events.md refuse; the message says which rule, for the sender to fix. */
public final class InvalidEvent extends RuntimeException {

  public InvalidEvent(String reason) {
    super(reason, null, false, false);
  }
}
