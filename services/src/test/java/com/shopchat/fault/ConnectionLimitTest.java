package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-address limits on chat sockets: how many open at once, and how many opened per window. */
@ExtendWith(VertxExtension.class)
@DisplayName("Per-address chat connection limits")
class ConnectionLimitTest {

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("CHAT_MAX_SOCKETS_PER_IP", "5", "CHAT_CONNECTS_PER_IP", "8",
      "CHAT_CONNECTS_WINDOW_SECONDS", "3600"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** An upgrade answered as plain HTTP: status, Retry-After and the body. */
  private record Answer(int status, String retryAfter, JsonObject body) {}

  /** The answer to a websocket upgrade read as a plain HTTP response (how a refusal looks to any client). */
  private static Answer upgrade(HttpClient http) throws Exception {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.port())
        .setURI("/chat/ws").putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket")
        .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
      .compose(r -> r.send())
      .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.getHeader("Retry-After"),
        b.length() == 0 ? new JsonObject() : new JsonObject(b))))
      .await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("the sixth socket open at once is refused with 429 too_many_connections while the five chat on; one "
    + "closed lets the next in; past eight opened in the window every upgrade is refused, Retry-After given")
  void limits(Vertx vertx) throws Exception {
    List<ChatClient> open = new ArrayList<>();
    HttpClient http = vertx.createHttpClient();
    try {
      for (int i = 0; i < 5; i++) {
        ChatClient c = ChatClient.connect(vertx, server.port());
        c.hello("v-limit-" + i, null, null, "en");
        open.add(c);
      }
      Exception refused = null;
      try {
        ChatClient.connect(vertx, server.port()).close();
      } catch (Exception e) {
        refused = e;
      }
      assertNotNull(refused, "a sixth socket at once is refused");
      assertTrue(refused instanceof UpgradeRejectedException, refused.toString());
      assertEquals(429, ((UpgradeRejectedException) refused).getStatus());

      Answer response = upgrade(http);
      assertEquals(429, response.status());
      JsonObject error = response.body().getJsonObject("error");
      assertEquals("too_many_connections", error.getString("code"));
      assertTrue(error.getString("message").contains("close one first"), error.encode());
      // The five still chat.
      ChatClient first = open.get(0);
      first.say("m-1", "what is your return policy?");
      first.awaitMessage("bot");

      // One closed (the server notices the close): the next one is let in, the sixth opened in the window.
      open.remove(0).close();
      ChatClient sixth = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sixth == null) {
        try {
          sixth = ChatClient.connect(vertx, server.port());
        } catch (UpgradeRejectedException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          vertx.timer(50).await(1, TimeUnit.SECONDS);
        }
      }
      open.add(sixth);
      sixth.hello("v-limit-6", null, null, "en");

      // Close them all: what is left is the per-window count. Sockets 7 and 8 are let in, then every upgrade refused.
      open.forEach(ChatClient::close);
      open.clear();
      int admitted = 0;
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (admitted < 2) {
        try {
          ChatClient c = ChatClient.connect(vertx, server.port());
          c.hello("v-limit-w" + admitted, null, null, "en");
          open.add(c);
          admitted++;
        } catch (UpgradeRejectedException e) {
          // The open count still holds a socket whose close the server has not seen yet.
          if (System.nanoTime() > deadline) {
            throw e;
          }
          vertx.timer(50).await(1, TimeUnit.SECONDS);
        }
      }
      open.forEach(ChatClient::close);
      open.clear();
      response = upgrade(http);
      assertEquals(429, response.status());
      assertTrue(Integer.parseInt(response.retryAfter()) > 0, response.toString());
      error = response.body().getJsonObject("error");
      assertEquals("too_many_connections", error.getString("code"));
      assertTrue(error.getString("message").contains("opened 8 chat connections"), error.encode());
    } finally {
      open.forEach(ChatClient::close);
      http.close();
    }
  }
}
