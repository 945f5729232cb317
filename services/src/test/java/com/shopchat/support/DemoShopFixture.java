package com.shopchat.support;

import com.shopchat.demo.DemoShop;
import com.shopchat.demo.DemoShopBackend;
import com.shopchat.demo.DemoShopLoader;
import com.shopchat.store.CatalogRepository;
import com.shopchat.store.DatabaseBootstrap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo shop backend for one test class: a fresh database with the demo shop loaded, and the backend on a
 * free port over it. {@link #resetOrders()} puts the demo orders and refunds back as the files have them.
 */
public final class DemoShopFixture {

  public static final String API_KEY = "test-shop-key";

  private final TestDatabase db;
  private final Pool pool;
  private final DemoShopBackend backend;

  private DemoShopFixture(TestDatabase db, Pool pool, DemoShopBackend backend) {
    this.db = db;
    this.pool = pool;
    this.backend = backend;
  }

  public static DemoShopFixture start(Vertx vertx) throws Exception {
    TestDatabase db = TestDatabase.fresh();
    DatabaseBootstrap.prepare(db.pg());
    Pool pool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(vertx).build();
    new DemoShopLoader(vertx, pool).loadIfEmpty().await(30, TimeUnit.SECONDS);
    return new DemoShopFixture(db, pool, startBackend(vertx, pool));
  }

  /** Another demo shop backend over the same tables, on a port of its own (to stop without disturbing others). */
  public DemoShopBackend startAnother(Vertx vertx) throws Exception {
    return startAnother(vertx, 0);
  }

  /** Another backend on {@code port} (0: a free one), e.g. where a stopped one was, to play the shop coming back. */
  public DemoShopBackend startAnother(Vertx vertx, int port) throws Exception {
    return DemoShopBackend.start(vertx, pool, "127.0.0.1", port, API_KEY).await(10, TimeUnit.SECONDS);
  }

  private static DemoShopBackend startBackend(Vertx vertx, Pool pool) throws Exception {
    return DemoShopBackend.start(vertx, pool, "127.0.0.1", 0, API_KEY).await(10, TimeUnit.SECONDS);
  }

  public String baseUrl() {
    return backend.baseUrl();
  }

  public int port() {
    return backend.port();
  }

  /** Deletes every order (with its lines and refund) and loads the demo orders again, dated from now. */
  public void resetOrders() throws Exception {
    pool.withTransaction(conn -> conn.query("DELETE FROM orders").execute()
        .compose(v -> CatalogRepository.insertOrders(conn, DemoShop.load().orders())))
      .await(10, TimeUnit.SECONDS);
  }

  /** Every row of the query, each as its columns' text joined by |. */
  public List<String> rows(String sql, Object... params) throws Exception {
    List<String> out = new ArrayList<>();
    for (Row row : pool.preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS)) {
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        columns.add(String.valueOf(row.getValue(i)));
      }
      out.add(String.join("|", columns));
    }
    return out;
  }

  /** The orders' state and every refund, to show that a refused request changed nothing. */
  public List<String> ordersAndRefunds() throws Exception {
    List<String> all = new ArrayList<>(rows("SELECT order_number, status, shipping_address::text, cancellation_reason"
      + " FROM orders ORDER BY order_number"));
    all.addAll(rows("SELECT order_number, status, amount_cents, reason FROM refunds ORDER BY order_number"));
    return all;
  }

  public void close() throws Exception {
    Future.join(backend.close(), pool.close()).await(10, TimeUnit.SECONDS);
    db.close();
  }
}
