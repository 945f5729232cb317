package com.shopchat.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "policy" handoff trigger with the shipped transformer model, over real websockets and HTTP: a request whose
 * intent is on the shop's list goes to a person at once (account deletion by default); admins change the list.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Requests that always go to a person")
class HandoffRulesTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "rules-admin@shop.test";
  private static final String RULES = "/api/admin/handoff-rules";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("NLU_MODEL_DIR", "shipped", "ADMIN_EMAIL", ADMIN,
      "ADMIN_PASSWORD", PASSWORD));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** One message from a new visitor; the bot's answer, with the conversation's id added. */
  private static JsonObject ask(ChatClient shopper, String locale, String text) throws Exception {
    String conversation = shopper.hello("v-" + UUID.randomUUID(), null, null, locale).getString("conversationId");
    shopper.say("m-1", text);
    return shopper.awaitMessage("bot").copy().put("conversationId", conversation);
  }

  @Test
  @DisplayName("asking to delete one's account goes to a person at once, with the reason policy, in English and "
    + "Chinese; the bot then stays silent")
  void accountDeletionGoesToAPerson(Vertx vertx) throws Exception {
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      JsonObject reply = ask(shopper, "en", "I want to delete my account and all my personal data");
      assertTrue(reply.getString("text").startsWith("Requests like this one are handled by a person"),
        reply.encode());
      shopper.await(f -> "handoff".equals(f.getString("type")) && "queued".equals(f.getString("state")));
      String conversation = reply.getString("conversationId");
      assertEquals("policy", server.string("SELECT reason FROM handoffs WHERE conversation_id = $1", conversation));
      assertEquals(1, server.value("SELECT priority FROM handoffs WHERE conversation_id = $1", conversation),
        "ahead of a plain request for a person, behind an upset shopper");
      assertEquals("account", server.string("SELECT topic FROM handoffs WHERE conversation_id = $1", conversation));
      shopper.say("m-2", "hello?");
      shopper.await(f -> "message".equals(f.getString("type")) && "m-2".equals(f.getString("clientMsgId")));
      assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'",
        conversation), "the bot answered the request, and nothing after it");
    }
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      JsonObject reply = ask(shopper, "zh", "请帮我注销账户并删除我的个人数据");
      assertTrue(reply.getString("text").startsWith("这类请求由我们的客服同事亲自处理"), reply.encode());
    }
  }

  @Test
  @DisplayName("admins replace the list with intents the model reads; a request taken off it is answered by the bot, "
    + "one put on it goes to a person; a bad list changes nothing")
  void adminsChangeTheList(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    JsonObject now = ok(admin.get(RULES));
    assertEquals(new JsonArray().add("delete_account"), now.getJsonArray("rules"));
    JsonArray intents = now.getJsonArray("intents");
    assertTrue(intents.contains("track_refund") && intents.contains("delete_account"), intents.encode());
    assertFalse(intents.contains("greeting") || intents.contains("contact_human_agent") || intents.contains("oos"),
      "conversation is no request");

    for (JsonObject bad : new JsonObject[] {new JsonObject().put("rules", new JsonArray().add("greeting")),
        new JsonObject().put("rules", new JsonArray().add("x'; DROP TABLE handoff_rules; --")),
        new JsonObject().put("rules", "track_refund"), new JsonObject()}) {
      HttpResponse<Buffer> refused = admin.put(RULES, bad);
      assertEquals(400, refused.statusCode(), bad.encode());
      assertEquals("invalid_field", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
    }
    assertEquals(1, server.count("SELECT count(*) FROM handoff_rules"));

    JsonObject changed = ok(admin.put(RULES, new JsonObject().put("rules", new JsonArray().add("track_refund")
      .add("track_refund"))));
    assertEquals(new JsonArray().add("track_refund"), changed.getJsonArray("rules"));
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      JsonObject reply = ask(shopper, "en", "I want to delete my account");
      assertFalse(reply.getString("text").startsWith("Requests like this one"), reply.encode());
      assertEquals(0, server.count("SELECT count(*) FROM handoffs WHERE conversation_id = $1",
        reply.getString("conversationId")));
    }
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      // The shopper picks "Check a refund" from the bot's "did you mean …?" (the quick reply's payload).
      shopper.hello("v-" + UUID.randomUUID(), null, null, "en");
      shopper.send(new JsonObject().put("type", "message").put("clientMsgId", "m-1").put("text", "Check a refund")
        .put("payload", "/intent:track_refund"));
      JsonObject reply = shopper.awaitMessage("bot");
      assertTrue(reply.getString("text").startsWith("Requests like this one"), reply.encode());
      shopper.await(f -> "handoff".equals(f.getString("type")) && "queued".equals(f.getString("state")));
    } finally {
      ok(admin.put(RULES, new JsonObject().put("rules", new JsonArray().add("delete_account"))));
    }
  }
}
