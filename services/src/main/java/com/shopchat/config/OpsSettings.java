package com.shopchat.config;

/**
 * Operating the platform (issue 10): whether {@code GET /metrics} is served, and how long readiness waits for
 * PostgreSQL's answer to {@code SELECT 1} before calling it unreachable; and how many chat sockets one client
 * address may hold and open (issue 8).
 *
 * @param metricsEnabled serve {@code /metrics} and collect Vert.x's own meters; false: neither
 * @param healthDatabaseTimeoutMillis the readiness check's database timeout
 * @param maxSocketsPerIp chat websockets one address may hold open at once; 0: no limit
 * @param connectsPerIp chat websockets one address may open per {@code connectsWindowSeconds}; 0: no limit
 * @param connectsWindowSeconds the window of {@code connectsPerIp}
 * @param pgReadTimeoutSeconds a PostgreSQL connection that receives nothing for this long is closed, so a query
 *   waiting on a server that stopped answering fails instead of hanging; 0: never
 * @param pgPoolSize PostgreSQL connections the chat's pool may hold
 */
public record OpsSettings(boolean metricsEnabled, int healthDatabaseTimeoutMillis, int maxSocketsPerIp,
                          int connectsPerIp, int connectsWindowSeconds, int pgReadTimeoutSeconds, int pgPoolSize) {

  /** The pool's size when none is configured. */
  public static final int DEFAULT_PG_POOL_SIZE = 8;

  /** Without connection limits (tests and tools that build settings by hand). */
  public OpsSettings(boolean metricsEnabled, int healthDatabaseTimeoutMillis) {
    this(metricsEnabled, healthDatabaseTimeoutMillis, 0, 0, 60, 60, DEFAULT_PG_POOL_SIZE);
  }
}
