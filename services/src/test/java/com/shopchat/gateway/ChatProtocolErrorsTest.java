package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input on the chat websocket: each case gets its error code, the socket stays usable, and nothing is
 * stored. "Nothing stored" is checked by counting rows after a valid message that follows the bad frame,
 * so the check cannot pass merely because the server had not got round to it yet.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The chat websocket, given bad input,")
class ChatProtocolErrorsTest {

  private static final int RATE_LIMIT = 12;
  private static TestServer server;
  private static int port;

  @BeforeAll
  static void startServer(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of(
      "ALLOWED_ORIGINS", "https://shop.example",
      "MAX_TEXT_LENGTH", "2000",
      "MAX_FRAME_BYTES", "16384",
      "RATE_LIMIT_MESSAGES", String.valueOf(RATE_LIMIT),
      "RATE_LIMIT_WINDOW_SECONDS", "60"));
    port = server.port();
  }

  @AfterAll
  static void stopServer(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static long count(String sql, Object... params) throws Exception {
    return server.count(sql, params);
  }

  /** Starts a conversation, sends the bad frame, checks the error, then proves only a valid message got stored. */
  private void assertRefusedInConversation(Vertx vertx, String badFrame, String expectedCode) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      client.sendText(badFrame);
      JsonObject error = client.awaitError();
      assertEquals(expectedCode, error.getString("code"), error.encode());
      assertTrue(error.getString("message").length() > 5, "a message a person can read");

      client.say("m-ok", "hi");
      assertEquals(1, client.awaitMessage("shopper").getInteger("seq"));
      client.awaitMessage("bot");
      assertEquals(2, count("SELECT count(*) FROM messages WHERE conversation_id = $1", conversationId));
    }
  }

  @Test
  @DisplayName("answers a frame that is not JSON with bad_json")
  void notJson(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "this is {not json", "bad_json");
  }

  @Test
  @DisplayName("answers JSON that is not an object with bad_json")
  void jsonArray(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "[\"message\", \"hi\"]", "bad_json");
  }

  @Test
  @DisplayName("answers an unknown frame type with unknown_type")
  void unknownType(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "{\"type\":\"delete_everything\"}", "unknown_type");
  }

  @Test
  @DisplayName("answers a frame without a type with unknown_type")
  void missingType(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "{\"text\":\"hi\"}", "unknown_type");
  }

  @Test
  @DisplayName("answers a message without clientMsgId with missing_field")
  void missingClientMsgId(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "{\"type\":\"message\",\"text\":\"hi\"}", "missing_field");
  }

  @Test
  @DisplayName("answers a message without text with missing_field")
  void missingText(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "{\"type\":\"message\",\"clientMsgId\":\"m-1\",\"text\":\"   \"}", "missing_field");
  }

  @Test
  @DisplayName("answers a clientMsgId carrying markup or SQL with invalid_field")
  void invalidClientMsgId(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx,
      new JsonObject().put("type", "message").put("clientMsgId", "<img src=x onerror=alert(1)>'--").put("text", "hi").encode(),
      "invalid_field");
  }

  @Test
  @DisplayName("answers text over the length limit with text_too_long, naming the message")
  void textTooLong(Vertx vertx) throws Exception {
    String frame = new JsonObject().put("type", "message").put("clientMsgId", "m-long").put("text", "a".repeat(2001)).encode();
    assertRefusedInConversation(vertx, frame, "text_too_long");
  }

  @Test
  @DisplayName("answers a frame over the size limit with frame_too_large")
  void frameTooLarge(Vertx vertx) throws Exception {
    String frame = new JsonObject().put("type", "message").put("clientMsgId", "m-big")
      .put("text", "b").put("padding", "x".repeat(20_000)).encode();
    assertRefusedInConversation(vertx, frame, "frame_too_large");
  }

  @Test
  @DisplayName("closes the socket, storing nothing, when a frame is beyond the hard cap")
  void frameBeyondHardCap(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      client.sendText("{\"type\":\"message\",\"clientMsgId\":\"m-huge\",\"text\":\"" + "z".repeat(100_000) + "\"}");
      // Netty's frame decoder drops the connection without buffering the frame (close status 1006 or 1009).
      Short status = client.awaitClosed();
      assertTrue(status == null || status == 1006 || status == 1009, String.valueOf(status));
    }
    assertEquals(0, count("SELECT count(*) FROM messages WHERE client_msg_id = 'm-huge'"));
  }

  @Test
  @DisplayName("answers a binary frame with binary_not_supported")
  void binaryFrame(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.hello("v-" + UUID.randomUUID(), null, null, "en");
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals("binary_not_supported", client.awaitError().getString("code"));
    }
  }

  @Test
  @DisplayName("answers a message before hello with not_started and stores nothing")
  void messageBeforeHello(Vertx vertx) throws Exception {
    long conversationsBefore = count("SELECT count(*) FROM conversations");
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.say("m-early", "hello?");
      JsonObject error = client.awaitError();
      assertEquals("not_started", error.getString("code"));
      assertEquals("m-early", error.getString("clientMsgId"));
    }
    assertEquals(0, count("SELECT count(*) FROM messages WHERE client_msg_id = 'm-early'"));
    assertEquals(conversationsBefore, count("SELECT count(*) FROM conversations"));
  }

  @Test
  @DisplayName("answers a second hello with already_started")
  void secondHello(Vertx vertx) throws Exception {
    assertRefusedInConversation(vertx, "{\"type\":\"hello\",\"visitorId\":\"v-other\"}", "already_started");
  }

  @Test
  @DisplayName("answers a hello with a malformed visitor id, locale or lastSeq with invalid_field")
  void badHello(Vertx vertx) throws Exception {
    for (String hello : new String[] {
      "{\"type\":\"hello\",\"visitorId\":\"'; DROP TABLE visitors; --\"}",
      "{\"type\":\"hello\",\"visitorId\":\"v-1\",\"locale\":\"fr\"}",
      "{\"type\":\"hello\",\"visitorId\":\"v-1\",\"lastSeq\":-3}",
      "{\"type\":\"hello\",\"visitorId\":\"v-1\",\"lastSeq\":\"12\"}"}) {
      try (ChatClient client = ChatClient.connect(vertx, port)) {
        client.sendText(hello);
        assertEquals("invalid_field", client.awaitError().getString("code"), hello);
      }
    }
    assertEquals(0, count("SELECT count(*) FROM visitors WHERE id = 'v-1' OR id LIKE '%DROP%'"));
  }

  @Test
  @DisplayName("answers a flood with one rate_limited error and stores none of the refused messages")
  void flood(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      for (int i = 0; i < RATE_LIMIT + 10; i++) {
        client.say("m-" + i, "flood " + i);
      }
      assertEquals("rate_limited", client.awaitError().getString("code"));
      // The hello and the first RATE_LIMIT - 1 messages were within the limit.
      int accepted = RATE_LIMIT - 1;
      client.await(f -> ("m-" + (accepted - 1)).equals(f.getString("clientMsgId")));
      long errors = client.seen().stream().filter(f -> "rate_limited".equals(f.getString("code"))).count();
      assertEquals(1, errors);
      assertEquals(0, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
        conversationId, "m-" + accepted));
    }
  }

  @Test
  @DisplayName("refuses the upgrade from an origin that is not allowed, with 403")
  void foreignOrigin(Vertx vertx) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/chat/ws").addHeader("Origin", "https://evil.example");
    Exception e = assertThrows(Exception.class, () -> ChatClient.connect(vertx, options));
    Throwable cause = e instanceof UpgradeRejectedException ? e : e.getCause();
    assertTrue(cause instanceof UpgradeRejectedException, String.valueOf(e));
    assertEquals(403, ((UpgradeRejectedException) cause).getStatus());
  }

  @Test
  @DisplayName("accepts the upgrade from an allowed origin and from the server's own origin")
  void allowedOrigins(Vertx vertx) throws Exception {
    for (String origin : new String[] {"https://shop.example", "http://127.0.0.1:" + port}) {
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/chat/ws").addHeader("Origin", origin);
      try (ChatClient client = ChatClient.connect(vertx, options)) {
        assertTrue(client.hello("v-" + UUID.randomUUID(), null, null, "en").containsKey("conversationId"), origin);
      }
    }
  }
}
