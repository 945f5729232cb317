package com.shopchat.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The demo shop's catalog, shoppers and orders in PostgreSQL. */
public final class CatalogRepository {

  private final Pool pool;

  public CatalogRepository(Pool pool) {
    this.pool = pool;
  }

  /** All products, as the JSON the shop page and product cards use. */
  public Future<JsonArray> products() {
    return pool.query(SqlQueries.LIST_PRODUCTS).execute().map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(toProduct(r)));
      return out;
    });
  }

  public Future<Long> countProducts() {
    return pool.query(SqlQueries.COUNT_PRODUCTS).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Inserts products given in the demo file format (see resources/demo/README.md). */
  public static Future<Void> insertProducts(SqlClient client, List<JsonObject> products) {
    List<Tuple> batch = products.stream().map(p -> Tuple.of(p.getString("sku"), p.getString("title"),
        p.getString("description", ""), p.getString("category"), p.getString("brand"), p.getInteger("priceCents"))
      .addValue(p.getString("currency", "EUR")).addValue(p.getInteger("stock", 0)).addValue(p.getString("image"))
      .addValue(p.getJsonObject("attributes", new JsonObject()))).toList();
    return batch.isEmpty() ? Future.succeededFuture() : client.preparedQuery(SqlQueries.INSERT_PRODUCT).executeBatch(batch).mapEmpty();
  }

  public static Future<Void> insertShoppers(SqlClient client, List<JsonObject> shoppers) {
    List<Tuple> batch = shoppers.stream().map(s -> Tuple.of(s.getString("id"), s.getString("email"),
      s.getString("name"), s.getString("locale", "en"))).toList();
    return batch.isEmpty() ? Future.succeededFuture() : client.preparedQuery(SqlQueries.INSERT_SHOPPER).executeBatch(batch).mapEmpty();
  }

  /** Inserts orders, then their lines and refunds (both reference orders, so batches in that order). */
  public static Future<Void> insertOrders(SqlClient client, List<JsonObject> orders) {
    if (orders.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> heads = new ArrayList<>();
    List<Tuple> lines = new ArrayList<>();
    List<Tuple> refunds = new ArrayList<>();
    for (JsonObject o : orders) {
      String number = o.getString("orderNumber");
      String currency = o.getString("currency", "EUR");
      heads.add(Tuple.of(number, o.getString("shopperId"), o.getString("status"),
          OffsetDateTime.parse(o.getString("placedAt")), o.getInteger("shippingCents", 0), o.getString("carrier"))
        .addValue(o.getString("trackingNumber"))
        .addValue(o.getString("expectedDelivery") == null ? null : LocalDate.parse(o.getString("expectedDelivery")))
        .addValue(timestamp(o, "deliveredAt"))
        .addValue(o.getJsonObject("shippingAddress", new JsonObject()))
        .addValue(currency)
        .addValue(o.getString("cancellationReason")));
      JsonArray items = o.getJsonArray("items", new JsonArray());
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        lines.add(Tuple.of(number, i + 1, item.getString("sku"), item.getInteger("quantity"), item.getInteger("unitPriceCents")));
      }
      JsonObject refund = o.getJsonObject("refund");
      if (refund != null) {
        refunds.add(Tuple.of(number, refund.getString("status"), refund.getInteger("amountCents"), currency,
          refund.getString("method", "original payment method"), refund.getString("reason"))
          .addValue(timestamp(refund, "requestedAt")).addValue(timestamp(refund, "refundedAt")));
      }
    }
    return client.preparedQuery(SqlQueries.INSERT_ORDER).executeBatch(heads)
      .compose(v -> batch(client, SqlQueries.INSERT_ORDER_ITEM, lines))
      .compose(v -> batch(client, SqlQueries.INSERT_REFUND, refunds));
  }

  private static Future<Void> batch(SqlClient client, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : client.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  private static OffsetDateTime timestamp(JsonObject o, String field) {
    String value = o.getString(field);
    return value == null ? null : OffsetDateTime.parse(value);
  }

  private static JsonObject toProduct(Row r) {
    return new JsonObject()
      .put("sku", r.getString("sku"))
      .put("title", r.getString("title"))
      .put("description", r.getString("description"))
      .put("category", r.getString("category"))
      .put("brand", r.getString("brand"))
      .put("priceCents", r.getInteger("price_cents"))
      .put("currency", r.getString("currency"))
      .put("stock", r.getInteger("stock"))
      .put("image", r.getString("image"))
      .put("attributes", r.getValue("attributes"));
  }
}
