package com.shopchat.demo;

import com.shopchat.commerce.ActionResult;
import com.shopchat.commerce.Address;
import com.shopchat.commerce.Order;
import com.shopchat.commerce.Order.OrderLine;
import com.shopchat.commerce.Product;
import com.shopchat.commerce.ProductQuery;
import com.shopchat.commerce.Refund;
import com.shopchat.commerce.ShopBackend;
import com.shopchat.commerce.ShopPolicies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo shop's own system: orders, returns, refunds and catalog straight from its tables. The demo shop API
 * ({@link DemoShopApi}) serves it over HTTP; every change runs in one transaction on the order's locked row.
 */
public final class DemoShopDatabase implements ShopBackend {

  /** Where each carrier shows a parcel's progress; the tracking number is appended. */
  private static final Map<String, String> TRACKING_PAGES = Map.of(
    "DHL", "https://www.dhl.com/de-en/home/tracking.html?tracking-id=",
    "DPD", "https://tracking.dpd.de/status/en_US/parcel/",
    "UPS", "https://www.ups.com/track?tracknum=",
    "GLS", "https://gls-group.com/GROUP/en/parcel-tracking?match=");

  private final Pool pool;
  private final ShopPolicies policies;
  private final Set<String> shipsTo;

  public DemoShopDatabase(Pool pool, ShopPolicies policies) {
    this.pool = pool;
    this.policies = policies;
    this.shipsTo = policies.shipping().stream().flatMap(s -> s.countries().stream()).collect(Collectors.toSet());
  }

  @Override
  public Future<Order> order(String orderNumber) {
    return pool.withConnection(conn -> orders(conn, ShopQueries.ORDER, Tuple.of(orderNumber)))
      .map(found -> found.isEmpty() ? null : found.get(0));
  }

  @Override
  public Future<List<Order>> ordersOf(String shopperId, int limit) {
    return pool.withConnection(conn -> orders(conn, ShopQueries.ORDERS_OF, Tuple.of(shopperId, (long) limit)));
  }

  /** Cancels before shipping; once processing, the cancellation fee is kept and the code says so. */
  @Override
  public Future<ActionResult> cancel(String orderNumber, String reason) {
    return change(orderNumber, (conn, order) -> {
      String refusal = OrderRules.beforeShippingRefusal(order);
      if (refusal != null) {
        return refused(refusal, order);
      }
      boolean processing = Order.PROCESSING.equals(order.status());
      long fee = processing ? policies.cancellationFeeCents() : 0;
      Future<?> cancelled = conn.preparedQuery(ShopQueries.CANCEL_ORDER)
        .execute(Tuple.of(orderNumber, reason, Math.toIntExact(fee)));
      // Money already taken goes back, less the fee; a pending order was never paid.
      if (!Order.PENDING.equals(order.status())) {
        cancelled = cancelled.compose(v -> insertRefund(conn, order, "approved", order.totalCents() - fee, reason));
      }
      return cancelled.compose(v -> done(conn, orderNumber, processing ? "cancelled_with_fee" : "cancelled"));
    });
  }

  @Override
  public Future<ActionResult> changeAddress(String orderNumber, Address address) {
    Address to = OrderRules.normalized(address);
    return change(orderNumber, (conn, order) -> {
      String refusal = OrderRules.beforeShippingRefusal(order);
      if (refusal == null && !OrderRules.deliverable(to, shipsTo)) {
        refusal = OrderRules.INVALID_ADDRESS;
      }
      if (refusal != null) {
        return refused(refusal, order);
      }
      return conn.preparedQuery(ShopQueries.CHANGE_ADDRESS).execute(Tuple.of(orderNumber, to.toJson()))
        .compose(v -> done(conn, orderNumber, "address_changed"));
    });
  }

  /** Starts a return of the whole order: a refund of its total is requested until the parcel is back. */
  @Override
  public Future<ActionResult> startReturn(String orderNumber, String reason) {
    return change(orderNumber, (conn, order) -> {
      String refusal = OrderRules.returnRefusal(order, policies.returnWindowDays(), Instant.now());
      if (refusal != null) {
        return refused(refusal, order);
      }
      return conn.preparedQuery(ShopQueries.MARK_RETURN_REQUESTED).execute(Tuple.of(orderNumber))
        .compose(v -> insertRefund(conn, order, "requested", order.totalCents(), reason))
        .compose(v -> done(conn, orderNumber, "return_started"));
    });
  }

  @Override
  public Future<Refund> refund(String orderNumber) {
    return pool.preparedQuery(ShopQueries.REFUND).execute(Tuple.of(orderNumber)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Refund(r.getString("order_number"), r.getString("status"), r.getInteger("amount_cents"),
        r.getString("currency"), instant(r, "requested_at"), instant(r, "refunded_at"), r.getString("method"));
    });
  }

  @Override
  public Future<List<Product>> searchProducts(ProductQuery q) {
    String[] words = q.text() == null ? new String[0] : Arrays.stream(q.text().trim().split("\\s+"))
      .filter(w -> !w.isEmpty()).map(DemoShopDatabase::containing).toArray(String[]::new);
    Tuple params = Tuple.of(blankToNull(q.category()), blankToNull(q.brand()), q.minPriceCents(), q.maxPriceCents(),
      blankToNull(q.color()) == null ? null : containing(q.color().trim()), blankToNull(q.size()))
      .addValue(words).addValue((long) q.limit());
    return pool.preparedQuery(ShopQueries.SEARCH_PRODUCTS).execute(params).map(DemoShopDatabase::products);
  }

  @Override
  public Future<Product> product(String sku) {
    return pool.preparedQuery(ShopQueries.PRODUCT).execute(Tuple.of(sku))
      .map(rows -> products(rows).stream().findFirst().orElse(null));
  }

  @Override
  public Future<ShopPolicies> policies() {
    return Future.succeededFuture(policies);
  }

  /** What a change does to the order locked in its transaction: the outcome, done or refused. */
  private interface Change {
    Future<ActionResult> apply(SqlConnection conn, Order order);
  }

  private Future<ActionResult> change(String orderNumber, Change change) {
    return pool.withTransaction(conn -> orders(conn, ShopQueries.LOCK_ORDER, Tuple.of(orderNumber))
      .compose(found -> found.isEmpty()
        ? Future.succeededFuture(new ActionResult(false, "not_found", null))
        : change.apply(conn, found.get(0))));
  }

  private static Future<ActionResult> refused(String code, Order order) {
    return Future.succeededFuture(new ActionResult(false, code, order));
  }

  private static Future<ActionResult> done(SqlConnection conn, String orderNumber, String code) {
    return orders(conn, ShopQueries.ORDER, Tuple.of(orderNumber)).map(after -> new ActionResult(true, code, after.get(0)));
  }

  private static Future<RowSet<Row>> insertRefund(SqlConnection conn, Order order, String status, long amountCents,
                                                  String reason) {
    return conn.preparedQuery(ShopQueries.INSERT_REFUND).execute(Tuple.of(order.number(), status,
      Math.toIntExact(Math.max(0, amountCents)), order.currency(), reason));
  }

  /** The orders the query selects, each with its lines (one more query for all of them). */
  private static Future<List<Order>> orders(SqlConnection conn, String sql, Tuple params) {
    return conn.preparedQuery(sql).execute(params).compose(heads -> {
      if (heads.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
      heads.forEach(h -> lines.put(h.getString("order_number"), new ArrayList<>()));
      return conn.preparedQuery(ShopQueries.ORDER_LINES)
        .execute(Tuple.tuple().addValue(lines.keySet().toArray(String[]::new)))
        .map(rows -> {
          rows.forEach(r -> lines.get(r.getString("order_number")).add(new OrderLine(r.getInteger("line"),
            r.getString("sku"), r.getString("title"), r.getInteger("quantity"), r.getInteger("unit_price_cents"),
            r.getBoolean("returnable"))));
          List<Order> out = new ArrayList<>();
          heads.forEach(h -> out.add(order(h, lines.get(h.getString("order_number")))));
          return out;
        });
    });
  }

  private static Order order(Row r, List<OrderLine> lines) {
    long total = r.getInteger("shipping_cents")
      + lines.stream().mapToLong(l -> l.quantity() * l.unitPriceCents()).sum();
    String carrier = r.getString("carrier");
    String tracking = r.getString("tracking_number");
    JsonObject address = r.getJsonObject("shipping_address");
    return new Order(r.getString("order_number"), r.getString("shopper_id"), r.getString("email"),
      r.getString("status"), instant(r, "placed_at"), carrier, tracking, trackingUrl(carrier, tracking),
      r.getLocalDate("expected_delivery"), instant(r, "delivered_at"),
      address == null || address.isEmpty() ? null : Address.fromJson(address), List.copyOf(lines), total,
      r.getString("currency"));
  }

  private static String trackingUrl(String carrier, String trackingNumber) {
    String page = carrier == null ? null : TRACKING_PAGES.get(carrier);
    return page == null || trackingNumber == null ? null
      : page + URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8);
  }

  private static List<Product> products(RowSet<Row> rows) {
    List<Product> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Product(r.getString("sku"), r.getString("title"), r.getString("description"),
      r.getString("category"), r.getString("brand"), r.getInteger("price_cents"), r.getString("currency"),
      r.getInteger("stock"), r.getString("image"), r.getJsonObject("attributes"))));
    return out;
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime value = r.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** An ILIKE pattern matching {@code text} anywhere, its own % and _ taken literally. */
  private static String containing(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
