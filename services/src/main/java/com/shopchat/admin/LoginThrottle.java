package com.shopchat.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed logins per key (the email and the client's address) in a fixed window; past the limit, logins
 * for that key are refused until the window that began with the first failure has passed. Held in memory, so a
 * restart forgets it; event-loop only (not thread-safe).
 */
public final class LoginThrottle {

  /** How long failures are remembered. */
  public static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_KEYS = 10_000;

  private record Failures(Instant since, int count) {}

  private final int maxAttempts;
  private final Clock clock;
  private final Map<String, Failures> failures = new HashMap<>();

  public LoginThrottle(int maxAttempts, Clock clock) {
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  /** Seconds until this key may try again, or 0 when it may now. */
  public long retryAfterSeconds(String key) {
    Failures f = failures.get(key);
    if (f == null || f.count() < maxAttempts) {
      return 0;
    }
    Duration left = Duration.between(clock.instant(), f.since().plus(WINDOW));
    if (left.isNegative() || left.isZero()) {
      failures.remove(key);
      return 0;
    }
    return Math.max(1, left.toSeconds());
  }

  /** Records a failed login for this key. */
  public void failed(String key) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) {
      // Bounded memory under a spray of emails: forget windows that have passed.
      failures.values().removeIf(f -> f.since().plus(WINDOW).isBefore(now));
    }
    failures.merge(key, new Failures(now, 1), (old, one) -> old.since().plus(WINDOW).isBefore(now)
      ? one : new Failures(old.since(), old.count() + 1));
  }

  /** A successful login clears the key's failures. */
  public void succeeded(String key) {
    failures.remove(key);
  }
}
