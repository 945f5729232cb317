package com.shopchat.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.RawSocket;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that stall or send what no well-behaved client would, over raw TCP: requests trickled a byte at a time
 * and left unfinished (slowloris), websocket frames cut short, text frames that are not UTF-8. The server must
 * keep answering everyone else meanwhile, drop the stalled connection once it has been idle for
 * {@code HTTP_IDLE_TIMEOUT_SECONDS}, and store nothing — while a chat socket that is merely quiet stays open.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Slow, stalled and malformed connections")
class SlowClientsTest {

  private static final int IDLE_SECONDS = 2;
  /** The idle timeout plus slack for a loaded 2-core machine. */
  private static final Duration DROPPED_WITHIN = Duration.ofSeconds(IDLE_SECONDS + 8);
  private static TestServer server;

  private static final String PASSWORD = "a long enough staff password";
  private static final String AGENT = "quiet-agent@shop.test";

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("HTTP_IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE_SECONDS)));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** The health check answers and a shopper gets a bot reply: the server still serves others. */
  private static void assertStillServing(Vertx vertx) throws Exception {
    WebClient http = WebClient.create(vertx);
    try {
      var health = http.get(server.port(), "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
      assertEquals(200, health.statusCode());
    } finally {
      http.close();
    }
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      shopper.hello("v-" + UUID.randomUUID(), null, null, "en");
      shopper.say("m-1", "what is your return policy?");
      shopper.awaitMessage("bot");
    }
  }

  @Test
  @DisplayName("fifty requests trickled a byte at a time and left unfinished do not stop others being served, "
    + "and each is dropped once idle")
  void slowlorisRequests(Vertx vertx) throws Exception {
    List<RawSocket> slow = new ArrayList<>();
    try {
      byte[] partial = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(20))
        .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 50; i++) {
        slow.add(RawSocket.connect(vertx, server.port()).trickle(partial));
      }
      assertStillServing(vertx);
      for (RawSocket socket : slow) {
        socket.awaitClosed(DROPPED_WITHIN);
        assertFalse(socket.received().startsWith("HTTP/1.1 200"), "an unfinished request is never answered");
      }
    } finally {
      slow.forEach(RawSocket::close);
    }
  }

  @Test
  @DisplayName("a POST whose body stops half way is dropped once idle, and nothing is stored")
  void stalledBody(Vertx vertx) throws Exception {
    long events = server.count("SELECT count(*) FROM behaviour_events");
    String body = "{\"events\":[{\"id\":\"e-stalled\",\"type\":\"view\",\"visitorId\":\"v-stalled\",\"sku\":\"X\"";
    try (RawSocket socket = RawSocket.connect(vertx, server.port())) {
      socket.write(("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "X-Api-Key: demo-events-key\r\nContent-Length: 4000\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      assertStillServing(vertx);
      socket.awaitClosed(DROPPED_WITHIN);
    }
    assertEquals(events, server.count("SELECT count(*) FROM behaviour_events"));
  }

  @Test
  @DisplayName("a websocket frame cut short (header only, or half its payload) is dropped once idle, storing "
    + "nothing")
  void partialWebSocketFrames(Vertx vertx) throws Exception {
    long messages = server.count("SELECT count(*) FROM messages");
    byte[] hello = RawSocket.frame(1, "{\"type\":\"hello\",\"visitorId\":\"v-partial\"}"
      .getBytes(StandardCharsets.UTF_8), 1);
    byte[] message = RawSocket.frame(1, "{\"type\":\"message\",\"clientMsgId\":\"m-cut\",\"text\":\"cut short\"}"
      .getBytes(StandardCharsets.UTF_8), 2);
    try (RawSocket headerOnly = RawSocket.websocket(vertx, server.port(), "/chat/ws");
         RawSocket halfPayload = RawSocket.websocket(vertx, server.port(), "/chat/ws")) {
      headerOnly.write(hello).awaitReceived(r -> r.contains("welcome"), Duration.ofSeconds(10));
      halfPayload.write(hello).awaitReceived(r -> r.contains("welcome"), Duration.ofSeconds(10));
      headerOnly.trickle(new byte[] {message[0], message[1]});
      halfPayload.trickle(java.util.Arrays.copyOf(message, message.length / 2));
      assertStillServing(vertx);
      headerOnly.awaitClosed(DROPPED_WITHIN);
      halfPayload.awaitClosed(DROPPED_WITHIN);
    }
    assertEquals(0, server.count("SELECT count(*) FROM messages WHERE client_msg_id = 'm-cut'"));
    // Only the still-serving check's own turn (its message and the bot's reply) was stored meanwhile.
    assertEquals(messages + 2, server.count("SELECT count(*) FROM messages"));
  }

  @Test
  @DisplayName("a text frame that is not UTF-8 gets invalid_utf8 and its socket closed, storing nothing; others are "
    + "served")
  void invalidUtf8(Vertx vertx) throws Exception {
    byte[][] payloads = {
      {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
      {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD},
      {'{', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a lone surrogate
      {'h', 'i', (byte) 0xF0, (byte) 0x9F}}; // a 4-byte sequence cut short
    // All four at once: each socket then waits out the server's close handshake in parallel, not in turn.
    List<RawSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < payloads.length; i++) {
        RawSocket socket = RawSocket.websocket(vertx, server.port(), "/chat/ws");
        sockets.add(socket);
        socket.write(RawSocket.frame(1, ("{\"type\":\"hello\",\"visitorId\":\"v-utf8-" + i + "\"}")
          .getBytes(StandardCharsets.UTF_8), i));
        socket.awaitReceived(r -> r.contains("welcome"), Duration.ofSeconds(10));
        byte[] message = ("{\"type\":\"message\",\"clientMsgId\":\"m-utf8-" + i + "\",\"text\":\"")
          .getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[message.length + payloads[i].length + 2];
        System.arraycopy(message, 0, frame, 0, message.length);
        System.arraycopy(payloads[i], 0, frame, message.length, payloads[i].length);
        frame[frame.length - 2] = '"';
        frame[frame.length - 1] = '}';
        socket.write(RawSocket.frame(1, frame, 100 + i));
      }
      for (RawSocket socket : sockets) {
        socket.awaitReceived(r -> r.contains("\"code\":\"invalid_utf8\""), Duration.ofSeconds(10));
        // The server sends its close (1007, RFC 6455 8.1); this client never answers it, so the connection
        // ends when the server stops waiting.
        socket.awaitClosed(DROPPED_WITHIN);
      }
    } finally {
      sockets.forEach(RawSocket::close);
    }
    assertEquals(0, server.count("SELECT count(*) FROM messages WHERE client_msg_id LIKE 'm-utf8-%'"));
    assertStillServing(vertx);
  }

  @Test
  @DisplayName("a chat socket that is quiet for longer than the idle timeout stays open and is answered after")
  void quietChatStaysOpen(Vertx vertx) throws Exception {
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      shopper.hello("v-" + UUID.randomUUID(), null, null, "en");
      long quietUntil = System.nanoTime() + Duration.ofSeconds(IDLE_SECONDS * 3L).toNanos();
      while (System.nanoTime() < quietUntil && !shopper.closed()) {
        new SynchronousQueue<>().poll(50, TimeUnit.MILLISECONDS);
      }
      assertFalse(shopper.closed(), "the server closed a quiet chat");
      shopper.say("m-after", "hi");
      JsonObject reply = shopper.awaitMessage("bot");
      assertTrue(reply.getInteger("seq") > 1);
    }
  }

  @Test
  @DisplayName("an agent's console that is quiet for longer than the idle timeout stays open, the agent online")
  void quietConsoleStaysOpen(Vertx vertx) throws Exception {
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
      .setURI("/api/agent/ws").addHeader("Cookie", agent.cookie())
      .addHeader("Origin", "http://127.0.0.1:" + server.port());
    try (ChatClient console = ChatClient.connect(vertx, options)) {
      // Open once the server has the agent online ("ready" may come before the client listens).
      long openBy = System.nanoTime() + ChatClient.WAIT.toNanos();
      while (!"online".equals(server.string("SELECT presence FROM staff_users WHERE email = $1", AGENT))
          && System.nanoTime() < openBy) {
        new SynchronousQueue<>().poll(50, TimeUnit.MILLISECONDS);
      }
      long quietUntil = System.nanoTime() + Duration.ofSeconds(IDLE_SECONDS * 3L).toNanos();
      while (System.nanoTime() < quietUntil && !console.closed()) {
        new SynchronousQueue<>().poll(50, TimeUnit.MILLISECONDS);
      }
      assertFalse(console.closed(), "the server closed a quiet console");
      assertEquals("online", server.string("SELECT presence FROM staff_users WHERE email = $1", AGENT));
      console.send(new JsonObject().put("type", "watch").put("conversationId", "c-quiet"));
      console.await(f -> "watching".equals(f.getString("type")));
    }
  }
}
