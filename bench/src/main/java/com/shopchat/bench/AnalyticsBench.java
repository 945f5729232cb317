package com.shopchat.bench;

import com.shopchat.analytics.AnalyticsFilter;
import com.shopchat.analytics.AnalyticsRollups;
import com.shopchat.analytics.AnalyticsService;
import com.shopchat.analytics.ConversationReview;
import com.shopchat.config.PgSettings;
import com.shopchat.experiment.ExperimentRepository;
import com.shopchat.experiment.ExperimentService;
import com.shopchat.store.DatabaseBootstrap;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The analytics dashboard and conversation review on a generated data set in a scratch database: by default 1M bot
 * turns (and as many shopper messages) in 200k conversations over 90 days, 20 % of them handed off (most answered,
 * half of those rated), a recommendation impression for every other conversation (half in an A/B experiment) with
 * clicks, add-to-carts and purchases, and background behaviour events. The daily rollups are refreshed (timed),
 * then each query is timed end to end through the server's own classes (AnalyticsService, ConversationReview over a
 * Vert.x pg pool), after warm-up, against a baseline run in the same process on the same pool: a plain
 * {@code count(*)} of the bot turns.
 *
 * <p>Usage: {@code java -cp services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.AnalyticsBench
 * [botTurns] [iterations] [keep]}; PG* variables choose the server. The database {@code shopchat_analytics_bench}
 * is dropped at the end unless {@code keep} is given.
 */
public final class AnalyticsBench {

  private static final String DATABASE = "shopchat_analytics_bench";
  /** "Today" for the dashboard: the data spans the 90 days before it. */
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private AnalyticsBench() {
  }

  public static void main(String[] args) throws Exception {
    int turns = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean keep = args.length > 2 && args[2].equals("keep");
    PgSettings pg = pg();
    DatabaseBootstrap.dropDatabase(pg);
    DatabaseBootstrap.prepare(pg);
    long started = System.nanoTime();
    generate(pg, turns);
    System.out.printf(Locale.ROOT, "generated %,d bot turns in %.0f s%n", turns, (System.nanoTime() - started) / 1e9);
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(pg.connectOptions())
      .using(vertx).build();
    try {
      measure(pool, iterations);
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
      if (!keep) {
        DatabaseBootstrap.dropDatabase(pg);
      }
    }
  }

  private static void measure(Pool pool, int iterations) throws Exception {
    ExperimentService experiments = ExperimentService.create(new ExperimentRepository(pool)).await(10, TimeUnit.SECONDS);
    AnalyticsRollups rollups = new AnalyticsRollups(pool);
    long t0 = System.nanoTime();
    rollups.refresh().await(3600, TimeUnit.SECONDS);
    double first = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    rollups.refresh().await(3600, TimeUnit.SECONDS);
    System.out.printf(Locale.ROOT, "rollup refresh (all 5 views, all history): first %.0f ms, second %.0f ms%n", first,
      (System.nanoTime() - t0) / 1e6);
    AnalyticsService analytics = new AnalyticsService(pool, experiments, rollups);
    ConversationReview review = new ConversationReview(pool);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Map<String, Supplier<Future<?>>> cases = new LinkedHashMap<>();
    cases.put("baseline: SELECT count(*) bot turns", () -> pool.query(
      "SELECT count(*) FROM messages WHERE sender = 'bot'").execute());
    cases.put("dashboard, 30 days", () -> analytics.dashboard(filter(clock, "from", "2026-11-01")));
    cases.put("dashboard, 30 days, en + web", () -> analytics.dashboard(filter(clock, "from", "2026-11-01",
      "locale", "en", "channel", "web")));
    cases.put("dashboard, 90 days (all data)", () -> analytics.dashboard(filter(clock, "from", "2026-09-01")));
    cases.put("dashboard, 1 day", () -> analytics.dashboard(filter(clock, "from", "2026-11-30")));
    cases.put("review search, 30 days, newest 50", () -> review.search(search(clock, null, null)));
    cases.put("review search, 30 days, text 'refund'", () -> review.search(search(clock, "refund", null)));
    cases.put("review search, 30 days, intent + handed off", () -> review.search(search(clock, null, "complaint")));
    cases.put("transcript", () -> review.transcript("c12345"));
    Map<String, Histogram> results = new LinkedHashMap<>();
    for (var c : cases.entrySet()) {
      for (int i = 0; i < 3; i++) {
        c.getValue().get().await(600, TimeUnit.SECONDS);
      }
      Histogram h = new Histogram(3_600_000_000L, 3);
      for (int i = 0; i < iterations; i++) {
        long start = System.nanoTime();
        c.getValue().get().await(600, TimeUnit.SECONDS);
        h.recordValue((System.nanoTime() - start) / 1000);
      }
      results.put(c.getKey(), h);
    }
    double base = results.values().iterator().next().getValueAtPercentile(50) / 1000.0;
    System.out.printf(Locale.ROOT, "%n| query | p50 ms | p99 ms | max ms | p50 / baseline p50 |%n|---|---|---|---|---|%n");
    results.forEach((name, h) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f |%n", name,
      h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
      h.getValueAtPercentile(50) / 1000.0 / base));
    System.out.printf(Locale.ROOT, "(%d timed runs each after 3 warm-up runs)%n", iterations);
  }

  private static AnalyticsFilter filter(Clock clock, String... pairs) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      query.add(pairs[i], pairs[i + 1]);
    }
    return AnalyticsFilter.of(query, clock);
  }

  private static ConversationReview.Search search(Clock clock, String text, String intent) {
    return new ConversationReview.Search(filter(clock, "from", "2026-11-01"), text, intent,
      intent == null ? null : "handed_off", null, 50);
  }

  private static PgSettings pg() {
    String user = System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
    return new PgSettings(System.getenv().getOrDefault("PGHOST", "127.0.0.1"),
      Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432")), user, System.getenv("PGPASSWORD"), DATABASE);
  }

  /** The data set, generated inside PostgreSQL (generate_series, a fixed random seed per statement). */
  private static void generate(PgSettings pg, int turns) throws Exception {
    int conversations = turns / 5;
    String[] statements = {
      "INSERT INTO staff_users (email, password_hash, roles) VALUES ('bench-agent@shop.test', 'x', '{agent}')",
      "INSERT INTO visitors (id, locale) SELECT 'v' || g, CASE WHEN g % 5 = 0 THEN 'zh' ELSE 'en' END"
        + " FROM generate_series(1, " + conversations + ") g",
      // Conversations spread over the 90 days before NOW; 1 in 5 Chinese, 1 in 10 from an 'app' channel.
      "INSERT INTO conversations (id, visitor_id, locale, channel, status, last_seq, created_at, updated_at)"
        + " SELECT 'c' || g, 'v' || (1 + (g * 7919) % " + conversations + "),"
        + " CASE WHEN g % 5 = 0 THEN 'zh' ELSE 'en' END, CASE WHEN g % 10 = 3 THEN 'app' ELSE 'web' END,"
        + " 'closed', 2 * (1 + (g * 7) % 9), t, t + interval '10 minutes'"
        + " FROM (SELECT g, timestamptz '2026-09-01 12:00:00+00' + (g::float8 / " + conversations
        + ") * interval '90 days' AS t FROM generate_series(1, " + conversations + ") g) s",
      // 1 to 9 exchanges per conversation (5 on average): a shopper message and the bot's turn.
      "INSERT INTO messages (conversation_id, seq, sender, text, reply_to_seq, intent, confidence, payload, created_at,"
        + " flow, nlu_model_version, latency_ms)"
        + " SELECT c.id, 2 * x - 1 + b, CASE WHEN b = 0 THEN 'shopper' ELSE 'bot' END,"
        + " CASE WHEN b = 0 THEN (ARRAY['where is my order','I want a refund','delivery options?','hello',"
        + "'blorp','talk to a person'])[1 + (g + x) % 6] || ' ' || g ELSE 'bot reply ' || x END,"
        + " CASE WHEN b = 1 THEN 2 * x - 1 END,"
        + " CASE WHEN b = 1 THEN (ARRAY['track_order','faq','faq','oos','complaint','get_refund','greet',"
        + "'product_search','human','delivery_period'])[1 + (g * 3 + x) % 10] END,"
        + " CASE WHEN b = 1 THEN (0.3 + ((g * 31 + x * 17) % 70) / 100.0)::real END,"
        + " CASE WHEN b = 1 AND (g + x) % 5 = 1 THEN jsonb_build_object('sources', jsonb_build_array("
        + "jsonb_build_object('id', 'kb-' || (g % 60), 'title', 'Entry ' || (g % 60)))) ELSE '{}'::jsonb END,"
        + " c.created_at + (2 * x + b) * interval '10 seconds',"
        + " CASE WHEN b = 1 AND (g * 3 + x) % 10 = 0 THEN 'order_status' END,"
        + " CASE WHEN b = 1 THEN 'intent-2026-10' END, CASE WHEN b = 1 THEN 20 + (g + x) % 200 END"
        + " FROM (SELECT id, created_at, substr(id, 2)::int AS g FROM conversations) c"
        + " CROSS JOIN LATERAL generate_series(1, 1 + (c.g * 7) % 9) x CROSS JOIN (VALUES (0), (1)) AS bb (b)",
      // 1 in 5 handed off: 7 in 10 of those answered after up to 10 minutes; the rest ended unanswered.
      "INSERT INTO handoffs (conversation_id, state, reason, locale, agent_id, requested_at, assigned_at, ended_at,"
        + " ended_how) SELECT c.id, 'ended', (ARRAY['shopper_asked','misunderstood','frustrated','complaint',"
        + "'policy','agent_joined'])[1 + g % 6], c.locale, CASE WHEN g % 10 < 7 THEN s.id END,"
        + " c.created_at + interval '2 minutes',"
        + " CASE WHEN g % 10 < 7 THEN c.created_at + interval '2 minutes' + (g % 600) * interval '1 second' END,"
        + " c.created_at + interval '20 minutes', 'closed'"
        + " FROM (SELECT id, created_at, locale, substr(id, 2)::int AS g FROM conversations) c"
        + " CROSS JOIN (SELECT id FROM staff_users LIMIT 1) s WHERE c.g % 5 = 1",
      "INSERT INTO satisfaction_ratings (handoff_id, conversation_id, rating, rated_at)"
        + " SELECT id, conversation_id, 1 + id % 5, ended_at FROM handoffs WHERE assigned_at IS NOT NULL AND id % 2 = 0",
      "INSERT INTO experiments (id, name, metric, status, window_hours, created_at, started_at)"
        + " VALUES ('exp-bench', 'Bench A/B', 'ctr', 'running', 72, '2026-09-01', '2026-09-01')",
      "INSERT INTO experiment_variants (experiment_id, position, name, strategy, cards_enabled, weight)"
        + " VALUES ('exp-bench', 0, 'A', 'hybrid', true, 50), ('exp-bench', 1, 'B', 'popularity', true, 50)",
      "INSERT INTO recommendation_impressions (impression_id, conversation_id, visitor_id, experiment_id, variant,"
        + " strategy, skus, shown_at) SELECT 'imp-' || g, c.id, c.visitor_id,"
        + " CASE WHEN g % 4 < 2 THEN 'exp-bench' END, CASE WHEN g % 4 = 0 THEN 'A' WHEN g % 4 = 1 THEN 'B' END,"
        + " 'hybrid', ARRAY['SKU-' || (g % 500), 'SKU-' || ((g + 1) % 500)], c.created_at + interval '30 seconds'"
        + " FROM (SELECT id, visitor_id, created_at, substr(id, 2)::int AS g FROM conversations) c WHERE c.g % 2 = 0",
      "INSERT INTO behaviour_events (event_id, type, visitor_id, skus, occurred_at, price_cents, impression_id, source)"
        + " SELECT i.impression_id || '-' || t, t, i.visitor_id, ARRAY[i.skus[1]],"
        + " i.shown_at + interval '1 minute' * (CASE t WHEN 'click' THEN 1 WHEN 'add_to_cart' THEN 2 ELSE 30 END),"
        + " CASE WHEN t = 'purchase' THEN 1000 + (h % 9000) END,"
        + " CASE WHEN t <> 'purchase' THEN i.impression_id END, CASE WHEN t = 'purchase' THEN 'api' ELSE 'widget' END"
        + " FROM (SELECT *, abs(hashtext(impression_id)) AS h FROM recommendation_impressions) i"
        + " CROSS JOIN (VALUES ('click'), ('add_to_cart'), ('purchase')) AS tt (t)"
        + " WHERE (t = 'click' AND h % 100 < 30) OR (t = 'add_to_cart' AND h % 100 < 10)"
        + " OR (t = 'purchase' AND h % 100 < 5)",
      // Shoppers' browsing without the chat: views by other visitors, and some of their purchases.
      "INSERT INTO behaviour_events (event_id, type, visitor_id, skus, occurred_at, price_cents, source)"
        + " SELECT 'bg-' || g, CASE WHEN g % 25 = 0 THEN 'purchase' ELSE 'view' END, 'w' || (g % 100000),"
        + " ARRAY['SKU-' || (g % 500)], timestamptz '2026-09-01 12:00:00+00' + (g::float8 / 300000) * interval '90 days',"
        + " CASE WHEN g % 25 = 0 THEN 2500 END, 'api' FROM generate_series(1, 300000) g",
      "VACUUM ANALYZE",
    };
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         Statement st = c.createStatement()) {
      for (String sql : statements) {
        long t0 = System.nanoTime();
        int rows = st.executeUpdate(sql);
        System.out.printf(Locale.ROOT, "%,9d rows in %5.1f s: %s%n", rows, (System.nanoTime() - t0) / 1e9,
          sql.substring(0, Math.min(60, sql.length())));
      }
    }
  }
}
