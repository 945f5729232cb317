package com.shopchat.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The scripted analytics data set (resources analytics/scripted.sql): conversations, bot turns, handoffs, ratings,
 * an experiment's impressions and behaviour events on 1 and 2 March 2025, whose figures are worked out by hand in
 * AnalyticsApiTest and docs/analytics.md.
 */
public final class AnalyticsData {

  /** The scripted days. */
  public static final String FROM = "2025-03-01";
  public static final String TO = "2025-03-02";

  private AnalyticsData() {
  }

  /** Loads the data set into the server's database (once per database) and refreshes the analytics rollups. */
  public static void load(TestServer server) throws Exception {
    String script;
    try (InputStream in = AnalyticsData.class.getResourceAsStream("/analytics/scripted.sql")) {
      if (in == null) {
        throw new IOException("analytics/scripted.sql is not on the test classpath");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    server.pool().query(script).execute().await(30, TimeUnit.SECONDS);
    // The dashboard reads daily rollups: refreshed as the server's timer would.
    server.app().analyticsRollups().refresh().await(30, TimeUnit.SECONDS);
  }
}
