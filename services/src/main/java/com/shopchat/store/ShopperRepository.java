package com.shopchat.store;

import com.shopchat.identity.Shopper;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** The shop's shoppers in PostgreSQL, as far as the chat knows them. */
public final class ShopperRepository {

  private final Pool pool;

  public ShopperRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The shopper with this verified id, stored first when the chat has not met them yet (conversations refer to
   * shoppers); {@code locale} is only their first preference.
   */
  public Future<Shopper> ensure(String shopperId, String locale) {
    return pool.preparedQuery(SqlQueries.ENSURE_SHOPPER).execute(Tuple.of(shopperId, locale))
      .map(rows -> rows.size() == 0 ? new Shopper(shopperId, null)
        : new Shopper(rows.iterator().next().getString("id"), rows.iterator().next().getString("name")));
  }
}
