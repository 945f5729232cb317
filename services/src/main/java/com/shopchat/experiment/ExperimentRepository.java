package com.shopchat.experiment;

import com.shopchat.recommend.Impression;
import com.shopchat.recommend.Strategy;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Experiments, their variants, the rolled-out settings and recommendation impressions, in PostgreSQL. */
public final class ExperimentRepository {

  /** The failure of a start while another experiment runs. */
  public static final class AnotherRunningException extends RuntimeException {
    AnotherRunningException() {
      super("another experiment is running", null, false, false);
    }
  }

  /** What is rolled out to visitors outside an experiment. */
  public record Settings(Strategy strategy, boolean cardsEnabled, String experimentId) {
  }

  private final Pool pool;

  public ExperimentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new draft experiment with its variants, in one transaction. */
  public Future<Experiment> create(String id, ExperimentFields.Definition definition) {
    return pool.withTransaction(tx -> tx.preparedQuery(ExperimentQueries.INSERT_EXPERIMENT)
        .execute(Tuple.of(id, definition.name(), definition.metric(), definition.windowHours()))
        .compose(v -> {
          List<Tuple> rows = new ArrayList<>();
          List<Variant> variants = definition.variants();
          for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            rows.add(Tuple.of(id, (short) i, variant.name(), variant.strategy().wire(), variant.cardsEnabled(),
              (short) variant.weight()));
          }
          return tx.preparedQuery(ExperimentQueries.INSERT_VARIANT).executeBatch(rows);
        }))
      .compose(v -> find(id));
  }

  /** The experiment with this id, or {@code null}. */
  public Future<Experiment> find(String id) {
    return withVariants(pool, pool.preparedQuery(ExperimentQueries.FIND_EXPERIMENT).execute(Tuple.of(id)))
      .map(found -> found.isEmpty() ? null : found.get(0));
  }

  /** The running experiment, or {@code null}. */
  public Future<Experiment> running() {
    return withVariants(pool, pool.query(ExperimentQueries.RUNNING_EXPERIMENT).execute())
      .map(found -> found.isEmpty() ? null : found.get(0));
  }

  /** The newest experiments first, at most {@code limit}. */
  public Future<List<Experiment>> list(int limit) {
    return withVariants(pool, pool.preparedQuery(ExperimentQueries.LIST_EXPERIMENTS).execute(Tuple.of(limit)));
  }

  /**
   * Starts a draft: true when it started, false when it is not a draft (any more); fails with
   * {@link AnotherRunningException} while another experiment runs.
   */
  public Future<Boolean> start(String id) {
    return pool.preparedQuery(ExperimentQueries.START).execute(Tuple.of(id))
      .map(rows -> rows.rowCount() == 1)
      .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? new AnotherRunningException() : e));
  }

  /**
   * Stops a running experiment and, with a {@code winner}, makes that variant's strategy and cards the
   * default, in one transaction: true when it stopped, false when it was not running.
   */
  public Future<Boolean> stop(String id, String winner) {
    return pool.withTransaction(tx -> tx.preparedQuery(ExperimentQueries.STOP).execute(Tuple.of(id, winner))
      .compose(rows -> {
        if (rows.rowCount() != 1) {
          return Future.succeededFuture(false);
        }
        return winner == null ? Future.succeededFuture(true)
          : tx.preparedQuery(ExperimentQueries.ROLL_OUT).execute(Tuple.of(id, winner)).map(r -> true);
      }));
  }

  /** The rolled-out default settings. */
  public Future<Settings> settings() {
    return pool.query(ExperimentQueries.SETTINGS).execute().map(rows -> {
      Row r = rows.iterator().next();
      return new Settings(strategy(r.getString("strategy")), r.getBoolean("cards_enabled"),
        r.getString("experiment_id"));
    });
  }

  /** Stores an impression; a second one with the same id is ignored. */
  public Future<Void> recordImpression(Impression impression) {
    Instant at = impression.at() == null ? Instant.now() : impression.at();
    return pool.preparedQuery(ExperimentQueries.INSERT_IMPRESSION).execute(Tuple.from(new Object[] {
        impression.impressionId(), impression.conversationId(), impression.visitorId(), impression.shopperId(),
        impression.experimentId(), impression.variant(), impression.strategy().wire(),
        impression.skus().toArray(String[]::new), OffsetDateTime.ofInstant(at, ZoneOffset.UTC)}))
      .mapEmpty();
  }

  /** The attributed funnel of each variant that has impressions, by variant name. */
  public Future<Map<String, VariantCounts>> attribution(String experimentId, int windowHours) {
    return pool.preparedQuery(ExperimentQueries.ATTRIBUTION).execute(Tuple.of(experimentId, windowHours))
      .map(rows -> {
        Map<String, VariantCounts> counts = new HashMap<>();
        for (Row r : rows) {
          String variant = r.getString("variant");
          counts.put(variant, new VariantCounts(variant, r.getLong("impressions"), r.getLong("clicked"),
            r.getLong("carted"), r.getLong("purchased"), r.getLong("revenue")));
        }
        return counts;
      });
  }

  /** The experiments in these rows, each with its variants (one more query for all of them). */
  private static Future<List<Experiment>> withVariants(SqlClient client, Future<RowSet<Row>> experiments) {
    return experiments.compose(rows -> {
      Map<String, Row> byId = new LinkedHashMap<>();
      rows.forEach(r -> byId.put(r.getString("id"), r));
      if (byId.isEmpty()) {
        return Future.succeededFuture(List.<Experiment>of());
      }
      return client.preparedQuery(ExperimentQueries.VARIANTS_OF)
        .execute(Tuple.of(byId.keySet().toArray(String[]::new)))
        .map(variantRows -> {
          Map<String, List<Variant>> variants = new HashMap<>();
          for (Row v : variantRows) {
            variants.computeIfAbsent(v.getString("experiment_id"), k -> new ArrayList<>())
              .add(new Variant(v.getString("name"), strategy(v.getString("strategy")), v.getBoolean("cards_enabled"),
                v.getShort("weight")));
          }
          return byId.values().stream().map(r -> experiment(r, variants.getOrDefault(r.getString("id"), List.of())))
            .toList();
        });
    });
  }

  private static Experiment experiment(Row r, List<Variant> variants) {
    return new Experiment(r.getString("id"), r.getString("name"), r.getString("metric"), r.getString("status"),
      r.getInteger("window_hours"), instant(r, "created_at"), instant(r, "started_at"), instant(r, "stopped_at"),
      r.getString("winner"), variants);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime at = r.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }

  private static Strategy strategy(String wire) {
    return Strategy.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown strategy " + wire));
  }
}
