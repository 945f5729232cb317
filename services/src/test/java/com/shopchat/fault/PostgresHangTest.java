package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.ResilientShopper;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stops answering without closing anything (a frozen server, a black-holed route): the connections stay
 * open and silent. Without a read timeout a query would wait for ever and the shopper's message would hang unanswered;
 * with {@code PG_READ_TIMEOUT_SECONDS} the silent connections are closed and the chat says its storage is
 * unreachable, as in an outage, and recovers by itself when PostgreSQL answers again.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("PostgreSQL that stops answering")
class PostgresHangTest {

  private static final Duration BOUND = Duration.ofSeconds(40);
  private static final int SHOPPERS = 3;
  private static TcpProxy proxy;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    server = TestServer.start(vertx, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port()),
      "PG_READ_TIMEOUT_SECONDS", "2", "HEALTH_DB_TIMEOUT_MS", "500", "RATE_LIMIT_MESSAGES", "1000"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    proxy.unhang();
    server.stop(vertx);
  }

  @Test
  @DisplayName("a message sent while it hangs is refused with 'unavailable' within seconds, nothing is acknowledged "
    + "unstored, and once it answers again every message is stored once and answered: sent = acknowledged = stored")
  void hang(Vertx vertx) throws Exception {
    List<ResilientShopper> shoppers = ResilientShopper.startAll(vertx, server.port(), "v-pg-hang-", SHOPPERS);
    try {
      ResilientShopper.sayEach(shoppers, "what is your return policy?");
      ResilientShopper.awaitAllSettled(shoppers, BOUND);

      proxy.hang();
      long hungAt = System.nanoTime();
      List<String> typedWhileHung = ResilientShopper.sayEach(shoppers, "how long does delivery take?");
      for (int i = 0; i < SHOPPERS; i++) {
        ResilientShopper s = shoppers.get(i);
        String id = typedWhileHung.get(i);
        ResilientShopper.awaitTrue(vertx, BOUND, () -> s.errors().stream()
            .anyMatch(e -> id.equals(e.getString("clientMsgId")) && "unavailable".equals(e.getString("code"))),
          () -> "no 'unavailable' error for " + id + ": " + s.describe());
        assertFalse(s.echoed().containsKey(id), id + " acknowledged while PostgreSQL hung");
      }
      long toldAfterMs = (System.nanoTime() - hungAt) / 1_000_000;
      assertEquals(0L, server.count("SELECT count(*) FROM messages WHERE client_msg_id = ANY($1)",
        (Object) typedWhileHung.toArray(String[]::new)), "nothing typed while it hung is stored");

      proxy.unhang();
      ResilientShopper.awaitAllSettled(shoppers, BOUND);
      ResilientShopper.sayEach(shoppers, "do you ship to Canada?");
      ResilientShopper.awaitAllSettled(shoppers, BOUND);
      int sent = 0;
      for (ResilientShopper s : shoppers) {
        Ledger.Counts counts = Ledger.check(server.pool(), s);
        assertEquals(counts.sent(), counts.acknowledged(), s.describe());
        assertEquals(counts.sent(), counts.storedShopper(), s.describe());
        assertEquals(counts.storedShopper(), counts.storedBot(), "one bot reply per message: " + s.describe());
        sent += counts.sent();
      }
      assertEquals(SHOPPERS * 3, sent);
      assertTrue(toldAfterMs < BOUND.toMillis());
      System.out.printf("PostgreSQL hang: %d shoppers told 'unavailable' within %d ms; sent %d, all stored once and "
        + "answered after it answered again%n", SHOPPERS, toldAfterMs, sent);
    } finally {
      shoppers.forEach(ResilientShopper::close);
    }
  }
}
