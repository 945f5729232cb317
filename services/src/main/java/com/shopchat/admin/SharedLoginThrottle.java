package com.shopchat.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The login throttle of {@link LoginThrottle} kept in a cluster-wide map, so failed logins count on every node
 * behind a load balancer (an attacker spreading guesses over the nodes gets no more of them). An entry is
 * {@code "firstFailureMillis:count"}, expiring with its window (also checked against the time it holds).
 * Increments are compare-and-set, so two nodes failing the same key at once both count.
 */
final class SharedLoginThrottle implements LoginAttempts {

  private static final String MAP = "shopchat.login-failures";
  private static final int CAS_TRIES = 8;

  private final Future<AsyncMap<String, String>> map;
  private final int maxAttempts;
  private final Clock clock;

  SharedLoginThrottle(Vertx vertx, int maxAttempts, Clock clock) {
    this.map = vertx.sharedData().getAsyncMap(MAP);
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  @Override
  public Future<Long> retryAfterSeconds(String key) {
    return map.compose(m -> m.get(key)).map(value -> {
      if (value == null || count(value) < maxAttempts) {
        return 0L;
      }
      Duration left = Duration.between(clock.instant(), since(value).plus(LoginThrottle.WINDOW));
      return left.isNegative() || left.isZero() ? 0L : Math.max(1, left.toSeconds());
    });
  }

  @Override
  public Future<Void> failed(String key) {
    return map.compose(m -> increment(m, key, CAS_TRIES));
  }

  private Future<Void> increment(AsyncMap<String, String> m, String key, int tries) {
    Instant now = clock.instant();
    // The map's replace keeps the entry's expiry (Hazelcast's offers no replace with a new one): a window that has
    // passed is removed and started afresh with its own expiry.
    return m.putIfAbsent(key, now.toEpochMilli() + ":1", LoginThrottle.WINDOW.toMillis()).compose(old -> {
      if (old == null) {
        return Future.succeededFuture(true);
      }
      Instant since = since(old);
      if (since.plus(LoginThrottle.WINDOW).isBefore(now)) {
        return m.removeIfPresent(key, old).map(false);
      }
      return m.replaceIfPresent(key, old, since.toEpochMilli() + ":" + (count(old) + 1));
    }).compose(done -> done || tries <= 1 ? Future.<Void>succeededFuture() : increment(m, key, tries - 1));
  }

  @Override
  public Future<Void> succeeded(String key) {
    return map.compose(m -> m.remove(key)).mapEmpty();
  }

  private static Instant since(String value) {
    return Instant.ofEpochMilli(Long.parseLong(value.substring(0, value.indexOf(':'))));
  }

  private static int count(String value) {
    return Integer.parseInt(value.substring(value.indexOf(':') + 1));
  }
}
