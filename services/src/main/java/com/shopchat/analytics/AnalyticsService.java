package com.shopchat.analytics;

import com.shopchat.experiment.Experiment;
import com.shopchat.experiment.ExperimentFields;
import com.shopchat.experiment.ExperimentResults;
import com.shopchat.experiment.ExperimentService;
import com.shopchat.experiment.Stats;
import com.shopchat.experiment.VariantCounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The analytics dashboard's figures for a period (docs/analytics.md): every aggregation runs in PostgreSQL, over the
 * daily rollups ({@link AnalyticsRollups}) but for the visitors' split, the statements in parallel on the pool; this
 * class only arranges their rows into the API's JSON.
 */
public final class AnalyticsService {

  private static final int TOP_ENTRIES = 10;

  private final Pool pool;
  private final ExperimentService experiments;
  private final AnalyticsRollups rollups;

  public AnalyticsService(Pool pool, ExperimentService experiments, AnalyticsRollups rollups) {
    this.pool = pool;
    this.experiments = experiments;
    this.rollups = rollups;
  }

  /** The whole dashboard for one period and filter, from the rollups as last refreshed. */
  public Future<JsonObject> dashboard(AnalyticsFilter f) {
    Tuple days = Tuple.of(f.from(), f.to(), f.locale(), f.channel());
    Tuple instants = Tuple.of(f.start(), f.end(), f.locale(), f.channel());
    Future<RowSet<Row>> daily = query(AnalyticsQueries.DAYS, days);
    Future<RowSet<Row>> handoffs = query(AnalyticsQueries.HANDOFFS, days);
    Future<RowSet<Row>> intents = query(AnalyticsQueries.INTENTS, days);
    Future<RowSet<Row>> knowledge = query(AnalyticsQueries.KNOWLEDGE, days);
    Future<RowSet<Row>> funnel = query(AnalyticsQueries.FUNNEL, days);
    Future<RowSet<Row>> chatted = query(AnalyticsQueries.CHATTED, instants);
    Future<List<Experiment>> known = experiments.list();
    return Future.all(List.of(daily, handoffs, intents, knowledge, funnel, chatted, known)).map(all -> {
      JsonObject out = new JsonObject().put("period", period(f)).put("refreshedAt", rollups.refreshedAt());
      conversations(out, f, daily.result());
      Handoffs h = Handoffs.of(handoffs.result());
      out.put("handoffReasons", h.reasons()).put("wait", h.waits()).put("csat", h.csat());
      out.put("intents", intents(intents.result()));
      out.put("knowledge", knowledge(knowledge.result()));
      out.put("commerce", new Commerce(f).json(funnel.result(), chatted.result(), known.result()));
      return out;
    });
  }

  private Future<RowSet<Row>> query(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params);
  }

  private static JsonObject period(AnalyticsFilter f) {
    return new JsonObject().put("from", f.from().toString()).put("to", f.to().toString()).put("locale", f.locale())
      .put("channel", f.channel()).put("days", f.days());
  }

  /** Totals and one row per day of the period (days without conversations as zeros). */
  private static void conversations(JsonObject out, AnalyticsFilter f, RowSet<Row> days) {
    Map<LocalDate, long[]> byDay = new TreeMap<>();
    for (LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
      byDay.put(d, new long[4]);
    }
    for (Row r : days) {
      long[] counts = byDay.get(r.getLocalDate("day"));
      counts[0] = r.getLong("conversations");
      counts[1] = r.getLong("handed_off");
      counts[2] = r.getLong("bot_turns");
      counts[3] = r.getLong("oos_turns");
    }
    long[] total = new long[4];
    JsonArray rows = new JsonArray();
    byDay.forEach((day, c) -> {
      for (int i = 0; i < 4; i++) {
        total[i] += c[i];
      }
      rows.add(figures(c).put("day", day.toString()));
    });
    out.put("totals", figures(total)).put("days", rows);
  }

  private static JsonObject figures(long[] c) {
    return new JsonObject().put("conversations", c[0]).put("contained", c[0] - c[1]).put("handedOff", c[1])
      .put("containmentRate", rate(c[0] - c[1], c[0])).put("handoffRate", rate(c[1], c[0]))
      .put("botTurns", c[2]).put("fallbackTurns", c[3]).put("fallbackRate", rate(c[3], c[2]));
  }

  /** A share, or null when there is nothing to divide by (shown as "–", never as 0 %). */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  /** The handoff rollup's rows: reasons, waits and ratings. */
  private record Handoffs(JsonArray reasons, JsonObject waits, JsonObject csat) {

    static Handoffs of(RowSet<Row> rows) {
      List<JsonObject> reasons = new ArrayList<>();
      long[] byScore = new long[6];
      long answered = 0;
      long unanswered = 0;
      double waited = 0;
      for (Row r : rows) {
        String key = r.getString("key");
        long n = r.getLong("n");
        switch (r.getString("kind")) {
          case "reason" -> reasons.add(new JsonObject().put("reason", key).put("handoffs", n));
          case "rating" -> byScore[Integer.parseInt(key)] = n;
          default -> {
            if ("answered".equals(key)) {
              answered = n;
              waited = ((Number) r.getValue("seconds")).doubleValue();
            } else {
              unanswered = n;
            }
          }
        }
      }
      reasons.sort(Comparator.<JsonObject>comparingLong(o -> -o.getLong("handoffs"))
        .thenComparing(o -> o.getString("reason")));
      JsonObject wait = new JsonObject().put("answered", answered).put("unanswered", unanswered)
        .put("averageSeconds", answered == 0 ? null : waited / answered);
      return new Handoffs(new JsonArray(new ArrayList<>(reasons)), wait, csat(byScore));
    }

    private static JsonObject csat(long[] byScore) {
      long count = 0;
      long sum = 0;
      JsonArray distribution = new JsonArray();
      for (int score = 1; score <= 5; score++) {
        count += byScore[score];
        sum += score * byScore[score];
        distribution.add(new JsonObject().put("rating", score).put("ratings", byScore[score]));
      }
      return new JsonObject().put("ratings", count).put("average", count == 0 ? null : (double) sum / count)
        .put("satisfiedRate", rate(byScore[4] + byScore[5], count)).put("distribution", distribution);
    }
  }

  /** Intents by the number of bot turns that read them, most first, with their average confidence. */
  private static JsonArray intents(RowSet<Row> rows) {
    Map<String, double[]> byIntent = new HashMap<>();
    for (Row r : rows) {
      double[] t = byIntent.computeIfAbsent(r.getString("intent"), k -> new double[2]);
      t[0] += r.getLong("turns");
      Object confidence = r.getValue("confidence");
      t[1] += confidence == null ? 0 : ((Number) confidence).doubleValue();
    }
    List<Map.Entry<String, double[]>> ranked = new ArrayList<>(byIntent.entrySet());
    ranked.sort(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -e.getValue()[0])
      .thenComparing(Map.Entry::getKey));
    JsonArray out = new JsonArray();
    for (Map.Entry<String, double[]> e : ranked) {
      double[] t = e.getValue();
      out.add(new JsonObject().put("intent", e.getKey().isEmpty() ? null : e.getKey()).put("turns", (long) t[0])
        .put("averageConfidence", t[1] / t[0]));
    }
    return out;
  }

  private static JsonObject knowledge(RowSet<Row> rows) {
    List<JsonObject> entries = new ArrayList<>();
    rows.forEach(r -> entries.add(new JsonObject().put("id", r.getString("id")).put("title", r.getString("title"))
      .put("uses", r.getLong("uses")).put("handoffs", r.getLong("handoffs"))));
    return new JsonObject()
      .put("mostUsed", top(entries, e -> e.getLong("uses")))
      .put("ledToHandoff", top(entries.stream().filter(e -> e.getLong("handoffs") > 0).toList(),
        e -> e.getLong("handoffs")));
  }

  private static JsonArray top(List<JsonObject> entries, Function<JsonObject, Long> by) {
    return new JsonArray(entries.stream()
      .sorted(Comparator.comparing(by, Comparator.reverseOrder()).thenComparing(e -> e.getString("id")))
      .limit(TOP_ENTRIES).map(e -> (Object) e).toList());
  }

  /** The commerce half: funnel, its days, experiment variants with intervals, revenue, chatted vs not. */
  private record Commerce(AnalyticsFilter f) {

    JsonObject json(RowSet<Row> funnel, RowSet<Row> chatted, List<Experiment> known) {
      Map<LocalDate, long[]> byDay = new TreeMap<>();
      for (LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
        byDay.put(d, new long[5]);
      }
      Map<String, Map<String, long[]>> byVariant = new LinkedHashMap<>();
      long[] total = new long[5];
      long[] influenced = new long[2];
      for (Row r : funnel) {
        if ("influenced".equals(r.getString("kind"))) {
          influenced[0] += r.getLong("purchased");
          influenced[1] += r.getLong("revenue");
          continue;
        }
        long[] c = {r.getLong("impressions"), r.getLong("clicked"), r.getLong("carted"), r.getLong("purchased"),
          r.getLong("revenue")};
        add(byDay.get(r.getLocalDate("day")), c);
        add(total, c);
        String experiment = r.getString("experiment_id");
        if (!experiment.isEmpty() && !r.getString("variant").isEmpty()) {
          add(byVariant.computeIfAbsent(experiment, k -> new HashMap<>())
            .computeIfAbsent(r.getString("variant"), k -> new long[5]), c);
        }
      }
      JsonArray days = new JsonArray();
      byDay.forEach((day, c) -> days.add(funnel(c).put("day", day.toString())));
      return new JsonObject().put("funnel", funnel(total)).put("days", days)
        .put("influencedPurchases", influenced[0]).put("revenueInfluencedCents", influenced[1])
        .put("experiments", experiments(byVariant, known)).put("chatVsNoChat", chatVsNoChat(chatted));
    }

    private static void add(long[] into, long[] c) {
      for (int i = 0; i < c.length; i++) {
        into[i] += c[i];
      }
    }

    private static JsonObject funnel(long[] c) {
      return new JsonObject().put("impressions", c[0]).put("clicks", c[1]).put("addToCarts", c[2])
        .put("purchases", c[3]).put("revenueCents", c[4]).put("ctr", rate(c[1], c[0]))
        .put("conversion", rate(c[3], c[0]));
    }

    /** Each experiment with impressions in the period, its variants' rates computed as the experiments API does. */
    private static JsonArray experiments(Map<String, Map<String, long[]>> byVariant, List<Experiment> known) {
      JsonArray out = new JsonArray();
      for (Experiment e : known) {
        Map<String, long[]> counts = byVariant.get(e.id());
        if (counts == null) {
          continue;
        }
        Map<String, VariantCounts> variants = new HashMap<>();
        counts.forEach((name, c) -> variants.put(name, new VariantCounts(name, c[0], c[1], c[2], c[3], c[4])));
        out.add(new JsonObject().put("id", e.id()).put("name", e.name()).put("status", e.status())
          .put("results", ExperimentFields.json(ExperimentResults.of(e, variants))));
      }
      return out;
    }

    /** Purchase rates of visitors who chatted and who did not, Wilson intervals, and the z-test between them. */
    private static JsonObject chatVsNoChat(RowSet<Row> rows) {
      long[] chatted = new long[2];
      long[] not = new long[2];
      for (Row r : rows) {
        long[] into = r.getBoolean("chatted") ? chatted : not;
        into[0] = r.getLong("visitors");
        into[1] = r.getLong("purchasers");
      }
      Stats.ZTest test = Stats.twoProportion(not[1], not[0], chatted[1], chatted[0]);
      return new JsonObject().put("chatted", group(chatted)).put("notChatted", group(not))
        .put("z", test == null ? null : test.z()).put("p", test == null ? null : test.p())
        .put("significant", test != null && test.p() < ExperimentResults.ALPHA);
    }

    private static JsonObject group(long[] c) {
      Stats.Interval interval = Stats.wilson(c[1], c[0]);
      return new JsonObject().put("visitors", c[0]).put("purchasers", c[1]).put("conversion", rate(c[1], c[0]))
        .put("low", interval.low()).put("high", interval.high());
    }
  }
}
