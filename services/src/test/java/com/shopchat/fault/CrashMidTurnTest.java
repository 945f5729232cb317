package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.ResilientShopper;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
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
 * The server dies between storing a shopper's message and storing the bot's answer (its database cut at the bot's
 * "typing", then its Vert.x closed with the shortest grace, so the turn can never finish): the message is stored and
 * acknowledged, so the client will not resend it. The next server must answer it by itself.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Server dying mid bot turn")
class CrashMidTurnTest {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int SHOPPERS = 4;

  private static TcpProxy proxy;
  private static Vertx appVertx;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    appVertx = Vertx.vertx();
    server = TestServer.startOn(vertx, appVertx, Map.of("PGHOST", "127.0.0.1", "PGPORT",
      String.valueOf(proxy.port()), "SHUTDOWN_GRACE_SECONDS", "1"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    appVertx.close().await(30, TimeUnit.SECONDS);
    server.stop(vertx);
  }

  @Test
  @DisplayName("after the restart, the acknowledged message that never got its answer is answered once, unasked, "
    + "and the chat goes on: sent = acknowledged = stored = delivered")
  void answersWhatTheDeadServerLeft(Vertx vertx) throws Exception {
    List<ResilientShopper> shoppers = ResilientShopper.startAll(vertx, server.port(), "v-crash-", SHOPPERS);
    try {
      ResilientShopper.sayEach(shoppers, "what is your return policy?");
      ResilientShopper.awaitAllSettled(shoppers, BOUND);
      // The cut must land between a message's commit and its answer's: likely with every shopper's burst in
      // flight, and tried again (at most three crashes) until it has.
      int unanswered = 0;
      for (int crash = 1; crash <= 3 && unanswered == 0; crash++) {
        AtomicBoolean armed = new AtomicBoolean(true);
        Promise<Void> cut = Promise.promise();
        for (ResilientShopper s : shoppers) {
          s.watch(frame -> {
            if ("typing".equals(frame.getString("type")) && armed.getAndSet(false)) {
              proxy.cutNow().onComplete(cut);
            }
          });
        }
        List<String> burst = new ArrayList<>();
        for (ResilientShopper s : shoppers) {
          burst.add(s.say("how long does delivery take?"));
          burst.add(s.say("what payment methods do you accept?"));
        }
        cut.future().await(BOUND.toSeconds(), TimeUnit.SECONDS);
        // What made it in was stored before the cut; its turns cannot finish now.
        appVertx.close().await(30, TimeUnit.SECONDS);
        proxy.restore();
        for (ResilientShopper s : shoppers) {
          for (String id : burst) {
            Integer seq = s.echoed().get(id);
            if (seq != null && server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 "
                + "AND reply_to_seq = $2", s.conversationId(), seq) == 0) {
              unanswered++;
            }
          }
        }
        appVertx = Vertx.vertx();
        server.startApp(appVertx);
        ResilientShopper.awaitAllSettled(shoppers, BOUND);
      }
      assertTrue(unanswered > 0, "a crash left at least one acknowledged message without its answer");

      ResilientShopper.sayEach(shoppers, "do you ship to Canada?");
      int sent = 0;
      int stored = 0;
      int delivered = 0;
      for (ResilientShopper s : shoppers) {
        s.awaitSettled(BOUND);
        Ledger.Counts counts = Ledger.check(server.pool(), s);
        assertEquals(counts.sent(), counts.acknowledged());
        assertEquals(counts.sent(), counts.storedShopper());
        assertEquals(counts.sent(), counts.storedBot());
        assertEquals(counts.stored(), counts.delivered());
        assertNull(s.errors().stream().filter(e -> "internal".equals(e.getString("code"))).findFirst().orElse(null));
        sent += counts.sent();
        stored += counts.storedShopper();
        delivered += counts.delivered();
      }
      System.out.printf("Crash mid-turn: %d acknowledged messages left unanswered by the dead server, answered by the "
        + "next; sent %d, stored %d, delivered %d (with replies)%n", unanswered, sent, stored, delivered);
    } finally {
      shoppers.forEach(ResilientShopper::close);
    }
  }
}
