package com.shopchat.events;

import java.util.function.LongSupplier;

/**
 * A token bucket for one API key: a burst of {@code perSecond} requests, refilled continuously at that rate.
 * Synchronized, since the HTTP server may run on several event loops; the critical section is a few arithmetic
 * operations.
 */
final class RequestRate {

  private final double perSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  RequestRate(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.last = nanoTime.getAsLong();
  }

  /** Takes a token; false when none is left (the request is refused). */
  synchronized boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
