package com.shopchat.profile;

import com.shopchat.events.EventStore;
import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.ShopperProfile;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shopper's profile, computed when asked from their newest events and the catalog. Always current (no cache:
 * a profile is three indexed queries and a pass over at most {@link #MAX_EVENTS} rows, cheap enough for the
 * chat's pace). A signed-in shopper's profile includes what they did anonymously before signing in, because
 * the sign-in hands those events to the shopper.
 */
public final class ProfileService {

  /** The most events a profile is drawn from, newest first. */
  public static final int MAX_EVENTS = 500;
  private static final String DEFAULT_LOCALE = "en";

  private final Pool pool;
  private final EventStore events;
  private final ProfileBuilder builder;
  private final Clock clock;

  public ProfileService(Pool pool, EventStore events, Duration halfLife, Clock clock) {
    this.pool = pool;
    this.events = events;
    this.builder = new ProfileBuilder(halfLife);
    this.clock = clock;
  }

  /** The profile of the shopper when known ({@code shopperId} not null), else of the anonymous visitor. */
  public Future<ShopperProfile> profile(String visitorId, String shopperId) {
    String key = shopperId != null ? shopperId : visitorId;
    Future<String> locale = pool.preparedQuery(ProfileQueries.LOCALE).execute(Tuple.of(shopperId, visitorId))
      .map(rows -> {
        String found = rows.iterator().next().getString("locale");
        return found == null ? DEFAULT_LOCALE : found;
      });
    Future<List<BehaviourEvent>> recent = events.recent(key, MAX_EVENTS);
    Future<Map<String, ProductFacts>> products = recent.compose(this::products);
    return Future.all(locale, products)
      .map(all -> builder.build(key, locale.result(), recent.result(), products.result(), clock.instant()));
  }

  private Future<Map<String, ProductFacts>> products(List<BehaviourEvent> recent) {
    Set<String> skus = new LinkedHashSet<>();
    recent.forEach(e -> skus.addAll(e.skus()));
    if (skus.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(ProfileQueries.PRODUCTS).execute(Tuple.of(skus.toArray(String[]::new)))
      .map(rows -> {
        Map<String, ProductFacts> bySku = new HashMap<>();
        for (Row row : rows) {
          bySku.put(row.getString("sku"), new ProductFacts(row.getString("sku"), row.getString("category"),
            row.getString("brand"), row.getLong("price_cents")));
        }
        return bySku;
      });
  }
}
