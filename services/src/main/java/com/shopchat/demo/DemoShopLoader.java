package com.shopchat.demo;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.store.CatalogRepository;
import com.shopchat.store.KnowledgeRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the demo shop into an empty database on first start; a database with data is left alone. */
public final class DemoShopLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DemoShopLoader.class);

  /** Made-up visitors whose browsing the demo's recommendations learn from. */
  static final int DEMO_VISITORS = 300;
  private static final long DEMO_SEED = 6;

  private final Vertx vertx;
  private final Pool pool;

  public DemoShopLoader(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Loads what is missing: the catalog (with shoppers and orders) and the knowledge base, each all or nothing. */
  public Future<Void> loadIfEmpty() {
    CatalogRepository catalog = new CatalogRepository(pool);
    KnowledgeRepository knowledge = new KnowledgeRepository(pool);
    return Future.all(catalog.countProducts(), knowledge.count()).compose(counts -> {
      long products = counts.resultAt(0);
      long entries = counts.resultAt(1);
      if (products > 0 && entries > 0) {
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(DemoShop::load).compose(shop -> pool.withTransaction(conn -> {
        Future<Void> done = Future.succeededFuture();
        if (products == 0) {
          done = done.compose(v -> CatalogRepository.insertProducts(conn, shop.products()))
            .compose(v -> CatalogRepository.insertShoppers(conn, shop.shoppers()))
            .compose(v -> CatalogRepository.insertOrders(conn, shop.orders()))
            .compose(v -> insertEvents(conn, DemoBehaviour.generate(shop.products(), DEMO_VISITORS, Instant.now(),
              DEMO_SEED)));
        }
        if (entries == 0) {
          done = done.compose(v -> KnowledgeRepository.insertAll(conn, shop.knowledge()));
        }
        return done;
      }).onSuccess(v -> LOG.info("demo shop loaded: {} products, {} orders, {} knowledge entries",
        products == 0 ? shop.products().size() : 0, products == 0 ? shop.orders().size() : 0,
        entries == 0 ? shop.knowledge().size() : 0)));
    });
  }

  private static Future<Void> insertEvents(SqlClient client, List<BehaviourEvent> events) {
    List<Tuple> batch = events.stream().map(e -> Tuple.of(e.eventId(), e.type().wire(), e.visitorId(),
      e.skus().toArray(String[]::new), e.at().atOffset(ZoneOffset.UTC), e.priceCents())).toList();
    return client.preparedQuery("INSERT INTO behaviour_events (event_id, type, visitor_id, skus, occurred_at, "
      + "price_cents, source) VALUES ($1, $2, $3, $4, $5, $6, 'api')").executeBatch(batch).mapEmpty();
  }
}
