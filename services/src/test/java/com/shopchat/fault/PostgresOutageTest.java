package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.ResilientShopper;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL "restarts" under live chats: the server reaches it through a TCP proxy the test cuts (every connection
 * reset, new ones refused) and restores, while the PostgreSQL other tests share keeps running.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("PostgreSQL outage during live chats")
class PostgresOutageTest {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int SHOPPERS = 6;
  private static final String[] TEXTS = {"what is your return policy?", "how long does delivery take?",
    "do you ship to Canada?", "what payment methods do you accept?"};

  private static TcpProxy proxy;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    // Resends during the outage count towards the per-socket rate limit; the widget's pauses are longer.
    server = TestServer.start(vertx, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port()),
      "HEALTH_DB_TIMEOUT_MS", "500", "RATE_LIMIT_MESSAGES", "1000"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  @Test
  @DisplayName("shoppers are told while it is down, nothing is acknowledged unstored, and after it is back every "
    + "message is stored once, in order, answered once and delivered: sent = acknowledged = stored = delivered")
  void outage(Vertx vertx) throws Exception {
    List<ResilientShopper> shoppers = ResilientShopper.startAll(vertx, server.port(), "v-pg-", SHOPPERS);
    try {
      // Before: a settled chat each.
      for (int round = 0; round < 2; round++) {
        for (ResilientShopper s : shoppers) {
          s.say(TEXTS[round]);
        }
      }
      ResilientShopper.awaitAllSettled(shoppers, BOUND);

      // The cut lands while messages and bot turns are in flight: at the first bot "typing" of a burst.
      AtomicBoolean armed = new AtomicBoolean(true);
      Promise<Void> cut = Promise.promise();
      for (ResilientShopper s : shoppers) {
        s.watch(frame -> {
          if ("typing".equals(frame.getString("type")) && armed.getAndSet(false)) {
            proxy.cutNow().onComplete(cut);
          }
        });
      }
      for (ResilientShopper s : shoppers) {
        s.say(TEXTS[2]);
        s.say(TEXTS[3]);
        s.say(TEXTS[1]);
      }
      cut.future().await(BOUND.toSeconds(), TimeUnit.SECONDS);
      long cutAt = System.nanoTime();

      // While it is down: each message typed now is refused with an error that says so, and never echoed.
      List<String> typedWhileDown = ResilientShopper.sayEach(shoppers, TEXTS[0]);
      for (int i = 0; i < SHOPPERS; i++) {
        ResilientShopper s = shoppers.get(i);
        String id = typedWhileDown.get(i);
        ResilientShopper.awaitTrue(vertx, BOUND, () -> s.errors().stream()
            .anyMatch(e -> id.equals(e.getString("clientMsgId")) && "unavailable".equals(e.getString("code"))),
          () -> "no 'unavailable' error for " + id + ": " + s.describe());
        assertFalse(s.echoed().containsKey(id), id + " acknowledged while PostgreSQL was down");
      }
      assertEquals(0L, server.count("SELECT count(*) FROM messages WHERE client_msg_id = ANY($1)",
        (Object) typedWhileDown.toArray(String[]::new)), "nothing typed while down is stored yet");
      // Over HTTP too (the consoles' APIs): a clear 503 their outboxes try again on, not a 500.
      HttpResponse<Buffer> refused = WebClient.create(vertx).get(server.port(), "127.0.0.1", "/api/products?q=socks")
        .send().await(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertEquals(503, refused.statusCode(), refused.bodyAsString());
      assertEquals("unavailable", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertEquals("2", refused.getHeader("Retry-After"));

      // Down for a second at least, as a restart is.
      long downFor = System.nanoTime() - cutAt;
      if (downFor < TimeUnit.SECONDS.toNanos(1)) {
        vertx.timer(TimeUnit.SECONDS.toMillis(1) - downFor / 1_000_000).await(5, TimeUnit.SECONDS);
      }
      proxy.restore();
      long restoredAt = System.nanoTime();

      // Back: nobody reloads or retypes; every message goes through, answered.
      ResilientShopper.awaitAllSettled(shoppers, BOUND);
      for (int i = 0; i < SHOPPERS; i++) {
        long echoedAt = shoppers.get(i).echoedAtNanos().get(typedWhileDown.get(i));
        assertTrue(echoedAt > restoredAt, "acknowledged only after PostgreSQL was back");
      }
      // And the chats go on.
      ResilientShopper.sayEach(shoppers, TEXTS[0]);
      ResilientShopper.awaitAllSettled(shoppers, BOUND);

      int sent = 0;
      int acknowledged = 0;
      int stored = 0;
      int delivered = 0;
      for (ResilientShopper s : shoppers) {
        Ledger.Counts counts = Ledger.check(server.pool(), s);
        sent += counts.sent();
        acknowledged += counts.acknowledged();
        stored += counts.storedShopper();
        delivered += counts.delivered();
        assertEquals(counts.storedShopper(), counts.storedBot(), "one bot reply per message: " + s.describe());
      }
      assertEquals(SHOPPERS * 7, sent);
      assertEquals(sent, acknowledged, "acknowledged");
      assertEquals(sent, stored, "stored");
      assertEquals(2 * sent, delivered, "delivered (messages and replies)");
      // Bot turns the cut caught after their message was stored: told late, answered once it was back.
      long lateTurns = shoppers.stream().mapToLong(s -> s.errors().stream()
        .filter(e -> "unavailable".equals(e.getString("code")) && s.echoed().containsKey(e.getString("clientMsgId"))
          && e.getString("message").contains("bot"))
        .count()).sum();
      System.out.printf("PostgreSQL outage: %d shoppers, sent %d, acknowledged %d, stored %d, delivered %d "
        + "(with replies), outage %d ms, bot turns caught mid-way %d%n", SHOPPERS, sent, acknowledged, stored,
        delivered, (restoredAt - cutAt) / 1_000_000, lateTurns);
    } finally {
      shoppers.forEach(ResilientShopper::close);
    }
  }
}
