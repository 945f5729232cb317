package com.shopchat.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that cannot be reached (refused or reset connections, a server shutting down, a pool that cannot
 * connect in time) from a statement PostgreSQL answered with an error: the first passes by itself and is worth
 * telling the shopper and retrying; the second is a bug.
 */
public final class DatabaseFaults {

  private DatabaseFaults() {
  }

  /** Whether {@code failure} (or one of its causes) says PostgreSQL could not be reached. */
  public static boolean unreachable(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
      if (t instanceof PgException pg) {
        String state = pg.getSqlState();
        // 08: connection exceptions; 57P: the server is shutting down, crashed or not yet accepting connections.
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
      }
      String name = t.getClass().getName();
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
      // Vert.x reports a pool that could not connect or a connection closed under a query without a type of its own.
      if (name.startsWith("io.vertx.") && (message.contains("connection") && message.contains("closed")
          || message.contains("timeout") || message.contains("timed out"))) {
        return true;
      }
    }
    return false;
  }
}
