package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.Shopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A server whose shop API does not answer (nothing listens at its URL): the bot says so and never guesses. */
@DisplayName("With the shop backend down")
class ShopBackendDownChatTest {

  private static Vertx vertx;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, Map.of("SHOP_API_URL", "http://127.0.0.1:9", "SHOP_API_KEY", "the-shops-own-key",
      "SHOP_API_TIMEOUT_MS", "300"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop(vertx);
  }

  @Test
  @DisplayName("an order question is answered with 'I can't reach our shop system' and a person offered; the flow waits")
  void saysSoAndOffersHuman() throws Exception {
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-down", null, "en")) {
      JsonObject tapped = new JsonObject().put("quickReplies", new JsonArray()
        .add(new JsonObject().put("title", "Where is my order?").put("payload", "/intent:track_order")));
      JsonObject r = s.taps(tapped, "/intent:track_order");
      assertTrue(r.getString("text").contains("order number"), r.encode());
      s.says("MT-100002");
      r = s.says("anna@example.com");
      assertTrue(r.getString("text").startsWith("I can't reach our shop system right now"), r.encode());
      assertFalse(r.getString("text").contains("on its way"), r.encode());
      assertEquals(List.of(DialogueManager.RETRY_PAYLOAD, DialogueManager.HUMAN_PAYLOAD), Shopper.payloads(r));
      assertEquals("order_status", server.string("SELECT state->>'flow' FROM conversations WHERE id = $1",
        s.conversationId()));
    }
  }
}
