package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ResilientShopper;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The network between shoppers and the server fails: connections reset mid-chat, a connection dies in the middle of
 * a frame, connections go half-open, and shoppers reconnect a thousand times. Shoppers reach the server through a TCP
 * proxy the test breaks; their clients recover as the widget does.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Client network drops and rapid reconnects")
class NetworkDropsTest {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String[] TEXTS = {"what is your return policy?", "how long does delivery take?",
    "do you ship to Canada?", "what payment methods do you accept?"};

  private static TestServer server;
  private static TcpProxy proxy;
  private final List<ResilientShopper> shoppers = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // A short idle timeout so half-open sockets are found within the test's bounds.
    server = TestServer.start(vertx, Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "2", "RATE_LIMIT_MESSAGES", "1000"));
    proxy = TcpProxy.start(vertx, "127.0.0.1", server.port());
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  @AfterEach
  void closeShoppers() {
    shoppers.forEach(ResilientShopper::close);
    shoppers.clear();
  }

  private ResilientShopper shopper(Vertx vertx, String visitorId, long reconnectDelayMs) {
    ResilientShopper s = ResilientShopper.start(vertx, "127.0.0.1", proxy.port(), visitorId, reconnectDelayMs);
    shoppers.add(s);
    return s;
  }

  private static Ledger.Counts total(TestServer server, List<ResilientShopper> shoppers) throws Exception {
    int sent = 0;
    int acknowledged = 0;
    int stored = 0;
    int bot = 0;
    int all = 0;
    int delivered = 0;
    for (ResilientShopper s : shoppers) {
      Ledger.Counts c = Ledger.check(server.pool(), s);
      sent += c.sent();
      acknowledged += c.acknowledged();
      stored += c.storedShopper();
      bot += c.storedBot();
      all += c.stored();
      delivered += c.delivered();
    }
    Ledger.Counts counts = new Ledger.Counts(sent, acknowledged, stored, bot, all, delivered);
    assertEquals(sent, acknowledged, "acknowledged: " + counts);
    assertEquals(sent, stored, "stored: " + counts);
    assertEquals(sent, bot, "answered: " + counts);
    assertEquals(all, delivered, "delivered: " + counts);
    return counts;
  }

  @Test
  @DisplayName("connections reset mid-chat, three times, and cut in the middle of a frame: nothing lost or doubled")
  void resetsAndCutFrames(Vertx vertx) throws Exception {
    for (int i = 0; i < 6; i++) {
      shopper(vertx, "v-reset-" + i, 100);
    }
    for (int round = 0; round < 3; round++) {
      int welcomed = round + 1;
      for (ResilientShopper s : shoppers) {
        ResilientShopper.awaitTrue(vertx, BOUND, () -> s.welcomes() >= welcomed, s::describe);
      }
      for (ResilientShopper s : shoppers) {
        s.say(TEXTS[round]);
        s.say(TEXTS[round + 1]);
      }
      // Reset while those are on their way.
      proxy.reset();
    }
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(BOUND);
    }
    // Each connection's next chunk from the client is cut in half, then the connection is reset.
    proxy.cutMidChunk();
    for (ResilientShopper s : shoppers) {
      s.say(TEXTS[3]);
    }
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(BOUND);
      assertTrue(s.connections() >= 5, "reconnected after each reset and the cut: " + s.describe());
      assertTrue(s.closes().stream().allMatch(c -> c.startsWith("1006")), "closed abnormally: " + s.describe());
    }
    Ledger.Counts counts = total(server, shoppers);
    assertEquals(6 * 7, counts.sent());
    System.out.println("Network resets and cut frames: " + counts);
  }

  @Test
  @DisplayName("half-open connections: messages sent into them are resent on a new socket and stored once; the "
    + "server drops the dead sockets after its idle timeout")
  void halfOpen(Vertx vertx) throws Exception {
    for (int i = 0; i < 4; i++) {
      shopper(vertx, "v-half-" + i, 100);
    }
    for (ResilientShopper s : shoppers) {
      s.say(TEXTS[0]);
    }
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(BOUND);
    }
    int before = proxy.open();
    proxy.freeze();
    List<String> lost = new ArrayList<>();
    for (ResilientShopper s : shoppers) {
      lost.add(s.say(TEXTS[1]));
    }
    // Nothing comes back on a frozen connection; the page notices (the widget: the browser's "online" event, a
    // welcome timeout) and opens a new socket, leaving the old one to the server.
    for (int i = 0; i < shoppers.size(); i++) {
      assertTrue(!shoppers.get(i).echoed().containsKey(lost.get(i)), "nothing echoed through a frozen connection");
      shoppers.get(i).abandonConnection();
    }
    for (ResilientShopper s : shoppers) {
      s.say(TEXTS[2]);
    }
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(BOUND);
    }
    // The frozen connections are closed by the server (idle timeout 2 s), leaving the new ones.
    ResilientShopper.awaitTrue(vertx, BOUND, () -> proxy.open() == shoppers.size(),
      () -> "connections still open through the proxy: " + proxy.open() + " (before the freeze " + before + ")");
    Ledger.Counts counts = total(server, shoppers);
    assertEquals(4 * 3, counts.sent());
    System.out.println("Half-open connections: " + counts);
  }

  @Test
  @DisplayName("1,000 rapid reconnects (20 shoppers, 50 each, a message typed before each drop): every message "
    + "stored once, in order, answered and delivered; no socket left open")
  void thousandReconnects(Vertx vertx) throws Exception {
    int shopperCount = 20;
    int rounds = 50;
    for (int i = 0; i < shopperCount; i++) {
      shopper(vertx, "v-rapid-" + i, 10);
    }
    long started = System.nanoTime();
    for (int round = 1; round <= rounds; round++) {
      int connection = round;
      for (ResilientShopper s : shoppers) {
        ResilientShopper.awaitTrue(vertx, BOUND, () -> s.welcomes() >= connection, s::describe);
        s.say(TEXTS[round % TEXTS.length]);
        // Dropped as soon as it is sent: the message may or may not have reached the server.
        s.dropConnection();
      }
    }
    for (ResilientShopper s : shoppers) {
      s.awaitSettled(BOUND);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int reconnects = shoppers.stream().mapToInt(s -> s.connections() - 1).sum();
    assertTrue(reconnects >= shopperCount * rounds, "reconnects: " + reconnects);
    ResilientShopper.awaitTrue(vertx, BOUND, () -> proxy.open() == shopperCount,
      () -> "connections open through the proxy: " + proxy.open());
    Ledger.Counts counts = total(server, shoppers);
    assertEquals(shopperCount * rounds, counts.sent());
    System.out.printf("Rapid reconnects: %d reconnects in %d ms, %s%n", reconnects, millis, counts);
  }
}
