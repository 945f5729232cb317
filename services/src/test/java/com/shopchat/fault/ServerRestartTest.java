package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ResilientShopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server goes away in the middle of conversations (its Vert.x closed with the shortest grace while shoppers
 * type) and another starts on the same database and port; the shoppers' clients reconnect by themselves.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Server restart mid-conversation")
class ServerRestartTest {

  private static final Duration BOUND = Duration.ofSeconds(40);
  private static final int SHOPPERS = 4;

  private static Vertx appVertx;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    appVertx = Vertx.vertx();
    server = TestServer.startOn(vertx, appVertx, Map.of("SHUTDOWN_GRACE_SECONDS", "1", "RATE_LIMIT_MESSAGES", "1000"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    appVertx.close().await(30, TimeUnit.SECONDS);
    server.stop(vertx);
  }

  @Test
  @DisplayName("every message stored once, in order, answered once and delivered; the dialogue state goes on "
    + "where it was: sent = acknowledged = stored = delivered")
  void restart(Vertx vertx) throws Exception {
    List<ResilientShopper> shoppers = new ArrayList<>();
    for (int i = 0; i < SHOPPERS; i++) {
      shoppers.add(ResilientShopper.start(vertx, server.port(), "v-restart-" + i));
    }
    try {
      for (ResilientShopper s : shoppers) {
        s.say("what is your return policy?");
      }
      for (ResilientShopper s : shoppers) {
        s.awaitSettled(BOUND);
      }

      // The server goes while a question the bot cannot answer is on its way (its first misunderstanding); shoppers
      // keep typing while it is down (the second).
      for (ResilientShopper s : shoppers) {
        s.say("do you repair vintage motorcycles");
      }
      appVertx.close().await(30, TimeUnit.SECONDS);
      List<String> whileDown = new ArrayList<>();
      for (ResilientShopper s : shoppers) {
        whileDown.add(s.say("fix my carburettor"));
      }
      appVertx = Vertx.vertx();
      server.startApp(appVertx);

      for (ResilientShopper s : shoppers) {
        s.awaitSettled(BOUND);
        // The dialogue state (misunderstandings in a row) survived the restart: the second one, answered by the new
        // server, offers a person outright.
        JsonObject reply = s.botReplyTo(s.echoed().get(whileDown.get(shoppers.indexOf(s))));
        assertEquals(1, reply.getJsonArray("quickReplies").size(), reply.encode());
        assertEquals("/human", reply.getJsonArray("quickReplies").getJsonObject(0).getString("payload"));
      }
      // And the chats go on.
      for (ResilientShopper s : shoppers) {
        s.say("how long does delivery take?");
      }
      for (ResilientShopper s : shoppers) {
        s.awaitSettled(BOUND);
      }

      int sent = 0;
      int acknowledged = 0;
      int stored = 0;
      int delivered = 0;
      int reconnects = 0;
      for (ResilientShopper s : shoppers) {
        Ledger.Counts counts = Ledger.check(server.pool(), s);
        sent += counts.sent();
        acknowledged += counts.acknowledged();
        stored += counts.storedShopper();
        delivered += counts.delivered();
        reconnects += s.connections() - 1;
        assertTrue(s.connections() >= 2, "reconnected: " + s.describe());
      }
      assertEquals(SHOPPERS * 4, sent);
      assertEquals(sent, acknowledged, "acknowledged");
      assertEquals(sent, stored, "stored");
      assertEquals(2 * sent, delivered, "delivered (messages and replies)");
      System.out.printf("Server restart: %d shoppers, sent %d, acknowledged %d, stored %d, delivered %d "
        + "(with replies), reconnects %d%n", SHOPPERS, sent, acknowledged, stored, delivered, reconnects);
    } finally {
      shoppers.forEach(ResilientShopper::close);
    }
  }
}
