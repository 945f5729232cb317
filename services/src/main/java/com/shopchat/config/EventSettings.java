package com.shopchat.config;

/**
 * Behaviour events and shopper profiles (issue 6): the key the shop's site sends to {@code POST /api/events},
 * how many batches that key may send per second, and how fast a shopper's interests fade.
 *
 * @param apiKey the shop's events key; blank: the events API is off and answers 503 (the widget still sends its
 *               events over the chat websocket). Never printed.
 * @param ratePerSecond batches one key may post per second (a burst of that many, refilled continuously)
 * @param profileHalfLifeDays after this many days an event counts half in a profile's affinities
 */
public record EventSettings(String apiKey, int ratePerSecond, int profileHalfLifeDays) {

  /** The events key of the demo shop; public (it is in this file), so refused without the demo data. */
  public static final String DEMO_EVENTS_API_KEY = "demo-events-key";
  /** Shortest key accepted for a real shop. */
  public static final int MIN_KEY_LENGTH = 16;

  /** Whether the events API takes requests at all. */
  public boolean apiEnabled() {
    return !apiKey.isBlank();
  }

  @Override
  public String toString() {
    return "EventSettings[apiKey=" + (apiKey.isBlank() ? "(none)" : "(set)") + ", ratePerSecond=" + ratePerSecond
      + ", profileHalfLifeDays=" + profileHalfLifeDays + "]";
  }
}
