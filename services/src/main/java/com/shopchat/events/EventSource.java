package com.shopchat.events;

/** Who sent an event: the shop's site through the API, the chat widget, or the chat itself. */
public enum EventSource {
  API("api"),
  WIDGET("widget"),
  /** What the shopper asked the bot for, as a search (entities only, never the message's text). */
  CHAT("chat");

  private final String column;

  EventSource(String column) {
    this.column = column;
  }

  /** The value of {@code behaviour_events.source}. */
  public String column() {
    return column;
  }
}
