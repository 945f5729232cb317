package com.shopchat.gateway;

/** A fixed-window frame counter for one socket; not thread-safe (a socket lives on one event loop). */
final class RateLimiter {

  private final int limit;
  private final long windowNanos;
  private long windowStart;
  private int count;
  private boolean warned;

  RateLimiter(int limit, int windowSeconds) {
    this.limit = limit;
    this.windowNanos = windowSeconds * 1_000_000_000L;
  }

  /** Counts one frame; false when it is over the limit for the current window. */
  boolean tryAcquire(long nowNanos) {
    if (nowNanos - windowStart >= windowNanos) {
      windowStart = nowNanos;
      count = 0;
      warned = false;
    }
    return ++count <= limit;
  }

  /** True once per window, so a flood gets one error back rather than one per frame. */
  boolean shouldWarn() {
    if (warned) {
      return false;
    }
    warned = true;
    return true;
  }
}
