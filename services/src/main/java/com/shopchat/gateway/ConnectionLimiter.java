package com.shopchat.gateway;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Chat sockets per client address: at most {@code maxOpen} open at once and {@code maxConnects} opened per window
 * (a fixed window per address). A client that opens many sockets would otherwise get the per-socket message
 * allowance on each, and hold the server's memory and file descriptors. 0 turns either limit off. Thread-safe.
 */
final class ConnectionLimiter {

  /** Why a connection was refused, and when trying again makes sense. */
  record Refusal(String message, long retryAfterSeconds) {}

  private static final int SWEEP_EVERY = 1024;

  private final int maxOpen;
  private final int maxConnects;
  private final long windowNanos;
  private final Map<String, Address> addresses = new HashMap<>();
  private int sinceSweep;

  private static final class Address {
    int open;
    int connects;
    long windowStart;
  }

  ConnectionLimiter(int maxOpen, int maxConnects, int windowSeconds) {
    this.maxOpen = maxOpen;
    this.maxConnects = maxConnects;
    this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
  }

  boolean enabled() {
    return maxOpen > 0 || maxConnects > 0;
  }

  /** Counts a new socket from {@code ip} and returns {@code null}, or the refusal (nothing counted). */
  synchronized Refusal tryOpen(String ip, long nowNanos) {
    if (++sinceSweep >= SWEEP_EVERY) {
      sweep(nowNanos);
    }
    Address a = addresses.computeIfAbsent(ip, k -> new Address());
    if (nowNanos - a.windowStart >= windowNanos || a.connects == 0) {
      a.windowStart = nowNanos;
      a.connects = 0;
    }
    if (maxOpen > 0 && a.open >= maxOpen) {
      return new Refusal("this address holds " + a.open + " chat connections, the most allowed; close one first", 5);
    }
    if (maxConnects > 0 && a.connects >= maxConnects) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(windowNanos - (nowNanos - a.windowStart)) + 1);
      return new Refusal("this address opened " + a.connects + " chat connections in "
        + TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s, the most allowed; try again in " + left + " s", left);
    }
    a.open++;
    a.connects++;
    return null;
  }

  /** A socket counted by {@link #tryOpen} has closed (or never opened). */
  synchronized void closed(String ip) {
    Address a = addresses.get(ip);
    if (a != null && a.open > 0) {
      a.open--;
    }
  }

  /** Addresses tracked now (for tests: idle ones are forgotten). */
  synchronized int tracked() {
    return addresses.size();
  }

  private void sweep(long nowNanos) {
    sinceSweep = 0;
    for (Iterator<Address> it = addresses.values().iterator(); it.hasNext(); ) {
      Address a = it.next();
      if (a.open == 0 && nowNanos - a.windowStart >= windowNanos) {
        it.remove();
      }
    }
  }
}
