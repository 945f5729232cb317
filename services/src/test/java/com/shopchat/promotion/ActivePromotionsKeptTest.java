package com.shopchat.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every bot turn asks for the active promotions, so they are kept for a few seconds: a change made through this
 * node is seen at once, one made elsewhere once the time is up; a read that fails is not kept.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Active promotions kept between bot turns")
class ActivePromotionsKeptTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  @BeforeEach
  void noneActive() throws Exception {
    server.value("UPDATE promotions SET active = false");
  }

  private static PromotionFields.Definition definition(String code) {
    return new PromotionFields.Definition("Kept " + code, code, 10, null,
      new Promotion.Rule(Promotion.Kind.FIRST_PURCHASE, null, null, null), "10 % off: " + code, "九折：" + code, 1,
      null, null, 24);
  }

  private static List<String> activeCodes(PromotionRepository repository) throws Exception {
    return repository.active().await(10, TimeUnit.SECONDS).stream().map(Promotion::code).sorted().toList();
  }

  @Test
  @DisplayName("writes through the repository are seen at once, changes behind its back only after the keep time")
  void keptUntilWrittenOrExpired() throws Exception {
    PromotionRepository kept = new PromotionRepository(server.pool(), Duration.ofHours(1));
    PromotionRepository fresh = new PromotionRepository(server.pool(), Duration.ZERO);
    assertEquals(List.of(), activeCodes(kept));

    Promotion first = kept.create("p-kept-1", definition("KEPT1"), null).await(10, TimeUnit.SECONDS);
    assertEquals(List.of(), activeCodes(kept), "created inactive");
    kept.setActive(first.id(), true).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("KEPT1"), activeCodes(kept), "its own write is seen at once");

    kept.create("p-kept-2", definition("KEPT2"), null).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("KEPT1"), activeCodes(kept), "read again after the write, and kept");
    // Another node (here: SQL) activates the second one and deactivates the first.
    server.value("UPDATE promotions SET active = (id = 'p-kept-2')");
    assertEquals(List.of("KEPT2"), activeCodes(fresh), "read every time");
    assertEquals(List.of("KEPT1"), activeCodes(kept), "kept until its time is up");

    kept.update("p-kept-2", definition("KEPT2B")).await(10, TimeUnit.SECONDS);
    assertEquals(List.of("KEPT2B"), activeCodes(kept), "any write through it reads again");
  }

  @Test
  @DisplayName("a read that fails is not kept: the next turn reads again and gets the promotions")
  void failedReadNotKept(Vertx vertx) throws Exception {
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    TcpProxy proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    Pool throughProxy = PgBuilder.pool().connectingTo(new PgConnectOptions(pg.connectOptions()).setHost("127.0.0.1")
      .setPort(proxy.port()).setDatabase(server.string("SELECT current_database()"))).using(vertx).build();
    try {
      PromotionRepository direct = new PromotionRepository(server.pool(), Duration.ZERO);
      direct.create("p-fail-1", definition("FAIL1"), null).await(10, TimeUnit.SECONDS);
      direct.setActive("p-fail-1", true).await(10, TimeUnit.SECONDS);
      PromotionRepository kept = new PromotionRepository(throughProxy, Duration.ofHours(1));
      proxy.cut();
      assertThrows(Exception.class, () -> kept.active().await(10, TimeUnit.SECONDS), "PostgreSQL unreachable");
      proxy.restore();
      assertEquals(List.of("FAIL1"), activeCodes(kept), "read again, not the failure kept for an hour");
    } finally {
      throughProxy.close().await(10, TimeUnit.SECONDS);
    }
  }
}
