package com.shopchat.config;

/**
 * Operating the platform (issue 10): whether {@code GET /metrics} is served, and how long readiness waits for
 * PostgreSQL's answer to {@code SELECT 1} before calling it unreachable.
 *
 * @param metricsEnabled serve {@code /metrics} and collect Vert.x's own meters; false: neither
 * @param healthDatabaseTimeoutMillis the readiness check's database timeout
 */
public record OpsSettings(boolean metricsEnabled, int healthDatabaseTimeoutMillis) {}
