package com.shopchat.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Failed staff logins per key (email and client address), answered asynchronously: in this node's memory on a
 * single node, in a cluster-wide map when nodes run behind a load balancer (then every node counts the same).
 */
public interface LoginAttempts {

  /** Seconds until this key may try again, or 0 when it may now. */
  Future<Long> retryAfterSeconds(String key);

  /** Records a failed login for this key. */
  Future<Void> failed(String key);

  /** A successful login clears the key's failures. */
  Future<Void> succeeded(String key);

  /** Shared by every node when {@code vertx} is clustered, else this node's own {@link LoginThrottle}. */
  static LoginAttempts create(Vertx vertx, int maxAttempts, Clock clock) {
    if (vertx.isClustered()) {
      return new SharedLoginThrottle(vertx, maxAttempts, clock);
    }
    LoginThrottle local = new LoginThrottle(maxAttempts, clock);
    return new LoginAttempts() {
      @Override
      public Future<Long> retryAfterSeconds(String key) {
        return Future.succeededFuture(local.retryAfterSeconds(key));
      }

      @Override
      public Future<Void> failed(String key) {
        local.failed(key);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> succeeded(String key) {
        local.succeeded(key);
        return Future.succeededFuture();
      }
    };
  }
}
