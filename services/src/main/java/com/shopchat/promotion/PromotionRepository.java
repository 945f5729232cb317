package com.shopchat.promotion;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Promotions, their offers, and the facts and attribution the rules and results need, in PostgreSQL. */
public final class PromotionRepository {

  /** A write refused because another promotion already has the code. */
  public static final class CodeTakenException extends RuntimeException {
    CodeTakenException() {
      super("another promotion has this code", null, false, false);
    }
  }

  /** A promotion's funnel. */
  public record Results(long offers, long clicks, long redemptions) {}

  /** A tapped offer: the code, with its texts. */
  public record Clicked(String code, String textEn, String textZh) {}

  /**
   * How long the active promotions, read for every bot turn, are kept: an edit through this node is seen at once,
   * one made on another node (or behind the platform's back) within this.
   */
  static final Duration ACTIVE_KEPT = Duration.ofSeconds(5);

  private final Pool pool;
  private final long keepNanos;
  /**
   * The active promotions as last read, or being read (shared by the turns that ask meanwhile); null: none kept. A
   * write forgets it when it starts and when it ends, so a read that overlapped a write is never kept.
   */
  private Future<List<Promotion>> activeCache;
  private long activeReadAt;

  public PromotionRepository(Pool pool) {
    this(pool, ACTIVE_KEPT);
  }

  /** With the active promotions kept this long ({@link Duration#ZERO}: read every time). */
  PromotionRepository(Pool pool, Duration keepActive) {
    this.pool = pool;
    this.keepNanos = keepActive.toNanos();
  }

  /** Stores a new (inactive) promotion. */
  public Future<Promotion> create(String id, PromotionFields.Definition d, String createdBy) {
    Tuple t = definition(id, d).addString(createdBy);
    return written(one(pool.preparedQuery(PromotionQueries.INSERT).execute(t)));
  }

  /** Replaces a promotion's definition: the promotion, or null when there is none with that id. */
  public Future<Promotion> update(String id, PromotionFields.Definition d) {
    return written(one(pool.preparedQuery(PromotionQueries.UPDATE).execute(definition(id, d))));
  }

  /** Activates or deactivates: the promotion, or null. */
  public Future<Promotion> setActive(String id, boolean active) {
    return written(one(pool.preparedQuery(PromotionQueries.SET_ACTIVE).execute(Tuple.of(id, active))));
  }

  /** Forgets the active promotions kept, once a write is done (whether or not it changed a row). */
  private <T> Future<T> written(Future<T> write) {
    activeCache = null;
    return write.andThen(done -> activeCache = null);
  }

  /** The promotion, or null. */
  public Future<Promotion> find(String id) {
    return one(pool.preparedQuery(PromotionQueries.FIND).execute(Tuple.of(id)));
  }

  public Future<List<Promotion>> list() {
    return pool.query(PromotionQueries.LIST).execute().map(PromotionRepository::all);
  }

  /**
   * The active promotions, oldest first: kept for {@link #ACTIVE_KEPT} after a successful read, since every bot turn
   * asks, and forgotten when this node writes a promotion; a failed read is not kept.
   */
  public Future<List<Promotion>> active() {
    Future<List<Promotion>> kept = activeCache;
    if (kept != null && (!kept.isComplete() || System.nanoTime() - activeReadAt < keepNanos)) {
      return kept;
    }
    long readAt = System.nanoTime();
    Future<List<Promotion>> read = pool.query(PromotionQueries.ACTIVE).execute().map(PromotionRepository::all);
    activeCache = read;
    activeReadAt = readAt;
    read.onFailure(e -> {
      if (activeCache == read) {
        activeCache = null;
      }
    });
    return read;
  }

  /** How many times each promotion was offered in the conversation, by promotion id. */
  public Future<Map<String, Integer>> offersIn(String conversationId) {
    return pool.preparedQuery(PromotionQueries.OFFERS_IN_CONVERSATION).execute(Tuple.of(conversationId))
      .map(rows -> {
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.put(r.getString("promotion_id"), r.getLong("offers").intValue()));
        return counts;
      });
  }

  /** Whether the conversation holds a complaint. */
  public Future<Boolean> complainedIn(String conversationId) {
    return pool.preparedQuery(PromotionQueries.COMPLAINED).execute(Tuple.of(conversationId))
      .map(rows -> rows.iterator().next().getBoolean("complained"));
  }

  public Future<Void> recordOffer(String offerId, String promotionId, String conversationId, String visitorId,
                                  String shopperId) {
    return pool.preparedQuery(PromotionQueries.INSERT_OFFER)
      .execute(Tuple.of(offerId, promotionId, conversationId, visitorId, shopperId)).mapEmpty();
  }

  /** Marks the offer clicked: its code, or null when the conversation was offered no such offer. */
  public Future<Clicked> click(String offerId, String conversationId) {
    return pool.preparedQuery(PromotionQueries.CLICK).execute(Tuple.of(offerId, conversationId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Clicked(r.getString("code"), r.getString("text_en"), r.getString("text_zh"));
    });
  }

  /** The events the rules read, for a visitor and (when signed in) shopper; the cart's value is the caller's. */
  public Future<ShopperFacts> facts(String visitorId, String shopperId, long cartCents) {
    return pool.preparedQuery(PromotionQueries.FACTS).execute(Tuple.of(visitorId, shopperId)).map(rows -> {
      Row r = rows.iterator().next();
      return new ShopperFacts(r.getLong("purchases"), cartCents, instant(r, "carted_since"), r.getLong("views"));
    });
  }

  /** Attributes purchases to open offers, then counts the funnel. */
  public Future<Results> results(String promotionId) {
    return pool.preparedQuery(PromotionQueries.MARK_REDEMPTIONS).execute(Tuple.of(promotionId))
      .compose(v -> pool.preparedQuery(PromotionQueries.RESULTS).execute(Tuple.of(promotionId)))
      .map(rows -> {
        Row r = rows.iterator().next();
        return new Results(r.getLong("offers"), r.getLong("clicks"), r.getLong("redemptions"));
      });
  }

  private static Tuple definition(String id, PromotionFields.Definition d) {
    Promotion.Rule rule = d.rule();
    return Tuple.from(new Object[] {id, d.name(), d.code(), d.percentOff() == null ? null : d.percentOff().shortValue(),
      d.amountOffCents(), rule.kind().wire(), rule.thresholdCents(), rule.hesitateMinutes(), rule.hesitateViews(),
      d.textEn(), d.textZh(), (short) d.maxOffersPerConversation(), time(d.validFrom()), time(d.validTo()),
      d.attributionHours()});
  }

  private static Future<Promotion> one(Future<io.vertx.sqlclient.RowSet<Row>> rows) {
    return rows.map(r -> r.size() == 0 ? null : promotion(r.iterator().next()))
      .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? new CodeTakenException() : e));
  }

  private static List<Promotion> all(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Promotion> list = new ArrayList<>();
    rows.forEach(r -> list.add(promotion(r)));
    return list;
  }

  private static Promotion promotion(Row r) {
    Short percent = r.getShort("percent_off");
    Promotion.Rule rule = new Promotion.Rule(Promotion.Kind.fromWire(r.getString("rule")), r.getLong("threshold_cents"),
      r.getInteger("hesitate_minutes"), r.getInteger("hesitate_views"));
    return new Promotion(r.getString("id"), r.getString("name"), r.getString("code"),
      percent == null ? null : percent.intValue(), r.getLong("amount_off_cents"), rule, r.getString("text_en"),
      r.getString("text_zh"), r.getBoolean("active"), r.getShort("max_offers_per_conversation"),
      instant(r, "valid_from"), instant(r, "valid_to"), r.getInteger("attribution_hours"), r.getString("created_by"),
      instant(r, "created_at"));
  }

  private static OffsetDateTime time(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime at = r.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }
}
