package com.shopchat.analytics;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's daily rollups (V12's materialized views): refreshed one after another, concurrently with their
 * readers, on the server's timer and when an admin asks. One refresh at a time: requests while one runs share the
 * next. Remembers when the last one finished, which the dashboard shows ("figures as of").
 */
public final class AnalyticsRollups {

  /** How often the server refreshes the rollups by itself. */
  public static final long REFRESH_EVERY_MILLIS = 5 * 60 * 1000L;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRollups.class);

  private final Pool pool;
  private Future<String> running;
  private Future<String> next;
  private volatile String refreshedAt;

  public AnalyticsRollups(Pool pool) {
    this.pool = pool;
  }

  /**
   * Refreshes every rollup; completes with the instant it finished (ISO-8601). Asked while one runs (which may have
   * read the tables before the caller's rows), it gets the next one, shared with everyone else who asked meanwhile.
   */
  public synchronized Future<String> refresh() {
    if (running != null) {
      if (next == null) {
        next = running.transform(ignored -> {
          synchronized (this) {
            next = null;
          }
          return start();
        });
      }
      return next;
    }
    return start();
  }

  private synchronized Future<String> start() {
    Promise<String> done = Promise.promise();
    running = done.future();
    Future<Void> chain = Future.succeededFuture();
    for (String view : AnalyticsQueries.ROLLUPS) {
      chain = chain.compose(v -> pool.query("REFRESH MATERIALIZED VIEW CONCURRENTLY " + view).execute().mapEmpty());
    }
    chain.onComplete(result -> {
      synchronized (this) {
        running = null;
      }
      if (result.succeeded()) {
        refreshedAt = Instant.now().toString();
        done.complete(refreshedAt);
      } else {
        LOG.warn("refreshing the analytics rollups failed: {}", result.cause().toString());
        done.fail(result.cause());
      }
    });
    return done.future();
  }

  /** When the last refresh finished, or null before the first since the server started. */
  public String refreshedAt() {
    return refreshedAt;
  }
}
