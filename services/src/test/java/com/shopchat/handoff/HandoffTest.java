package com.shopchat.handoff;

import static com.shopchat.support.Handoffs.askForPerson;
import static com.shopchat.support.Handoffs.console;
import static com.shopchat.support.Handoffs.handoffFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Human handoff over real websockets and HTTP: the shopper asks for a person and is queued, the bot falls silent,
 * an agent who comes online is given the chat (by language and load) or claims it (atomically), agent and shopper
 * talk through the persisted path, and the agent hands back to the bot or closes and the shopper rates the chat.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Human handoff")
class HandoffTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "handoff-admin@shop.test";
  private static final String DANA = "dana@shop.test";
  private static final String LI = "li@shop.test";
  private static final String SAM = "sam@shop.test";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher());
    for (String agent : List.of(DANA, LI, SAM)) {
      accounts.create(agent, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    }
    exec("UPDATE staff_users SET display_name = 'Dana', max_chats = 1 WHERE email = $1", DANA);
    exec("UPDATE staff_users SET display_name = 'Li', languages = '{zh}' WHERE email = $1", LI);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** Every test starts with nobody online and nothing waiting. */
  @BeforeEach
  void reset() throws Exception {
    exec("UPDATE handoffs SET state = 'ended', ended_at = now(), ended_how = 'closed' WHERE state <> 'ended'");
    exec("UPDATE staff_users SET presence = 'offline'");
  }

  private static void exec(String update, Object... params) throws Exception {
    server.count("WITH changed AS (" + update + " RETURNING 1) SELECT count(*) FROM changed", params);
  }

  private static AdminClient staff(Vertx vertx, String email) throws Exception {
    return new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("a shopper who asks for a person is queued and told so; the bot stays silent; they may leave an email")
  void queuedAndSilent(Vertx vertx) throws Exception {
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "en");
      JsonObject queued = handoffFrame(shopper, "queued");
      assertEquals(1, queued.getInteger("position"));
      assertEquals(0, queued.getInteger("agentsOnline"), "nobody online: the widget offers to leave an email");
      assertEquals("shopper_asked", server.string("SELECT reason FROM handoffs WHERE conversation_id = $1",
        conversation));

      shopper.say("m-2", "hello? is anyone there");
      shopper.await(f -> "message".equals(f.getString("type")) && "m-2".equals(f.getString("clientMsgId")));
      shopper.send(new JsonObject().put("type", "contact").put("email", "<script>@x"));
      assertEquals("invalid_field", shopper.awaitError().getString("code"));
      shopper.send(new JsonObject().put("type", "contact").put("email", "anna@example.com"));
      shopper.await(f -> "contact_ack".equals(f.getString("type")));
      assertEquals("anna@example.com", server.string("SELECT contact_email FROM handoffs WHERE conversation_id = $1",
        conversation));
      // The bot answered the request for a person, and nothing after it.
      assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'",
        conversation));

      // A reconnect shows the state again.
      try (ChatClient again = ChatClient.connect(vertx, server.port())) {
        again.hello(server.string("SELECT visitor_id FROM conversations WHERE id = $1", conversation), conversation,
          3, "en");
        assertEquals(1, handoffFrame(again, "queued").getInteger("position"));
      }
    }
  }

  @Test
  @DisplayName("an agent who comes online is given the chat; they talk both ways, typing included; closing asks for a "
    + "rating, stored once")
  void assignedTalkCloseRate(Vertx vertx) throws Exception {
    AdminClient dana = staff(vertx, DANA);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "en");
      handoffFrame(shopper, "queued");
      try (ChatClient console = console(vertx, server, dana, DANA)) {
        JsonObject assigned = console.await(f -> "assigned".equals(f.getString("type")));
        assertEquals(conversation, assigned.getJsonObject("handoff").getString("conversationId"));
        assertEquals("Dana", handoffFrame(shopper, "assigned").getJsonObject("agent").getString("name"));

        JsonObject view = ok(dana.get("/api/agent/conversations/" + conversation), 200);
        JsonArray messages = view.getJsonArray("messages");
        assertEquals("human", messages.getJsonObject(1).getJsonObject("intent").getString("name"));
        assertEquals("shopper_asked", view.getJsonObject("handoff").getString("reason"));
        assertTrue(view.containsKey("profile") && view.containsKey("suggestions"), view.encodePrettily());

        console.send(new JsonObject().put("type", "watch").put("conversationId", conversation));
        console.await(f -> "watching".equals(f.getString("type")));
        shopper.send(new JsonObject().put("type", "typing"));
        console.await(f -> "typing".equals(f.getString("type")) && "shopper".equals(f.getString("from")));
        shopper.say("m-3", "my parcel is damaged");
        assertEquals("my parcel is damaged", console.awaitMessage("shopper").getString("text"));

        JsonObject sent = ok(dana.post("/api/agent/conversations/" + conversation + "/messages",
          new JsonObject().put("clientMsgId", "a-1").put("text", "I'm sorry! Let me <b>help</b>.")), 201);
        JsonObject received = shopper.awaitMessage("agent");
        assertEquals("I'm sorry! Let me <b>help</b>.", received.getString("text"));
        assertEquals("Dana", received.getJsonObject("agent").getString("name"));
        assertEquals(sent.getInteger("seq"), received.getInteger("seq"));
        // A resend of the same client id is the same message, not a second one.
        ok(dana.post("/api/agent/conversations/" + conversation + "/messages",
          new JsonObject().put("clientMsgId", "a-1").put("text", "I'm sorry! Let me <b>help</b>.")), 200);
        assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'agent'",
          conversation));

        ok(dana.post("/api/agent/conversations/" + conversation + "/close", null), 200);
        JsonObject ended = handoffFrame(shopper, "ended");
        assertEquals("closed", ended.getString("how"));
        assertTrue(ended.getBoolean("askRating"));
      }
      shopper.send(new JsonObject().put("type", "rating").put("rating", 6));
      assertEquals("invalid_field", shopper.awaitError().getString("code"));
      shopper.send(new JsonObject().put("type", "rating").put("rating", 5).put("comment", "Dana was great"));
      shopper.await(f -> "rating_ack".equals(f.getString("type")));
      shopper.send(new JsonObject().put("type", "rating").put("rating", 1));
      assertEquals("nothing_to_rate", shopper.awaitError().getString("code"));
      assertEquals("5:Dana was great", server.string("SELECT rating || ':' || comment FROM satisfaction_ratings"
        + " WHERE conversation_id = $1", conversation));
      assertEquals("closed", server.string("SELECT status FROM conversations WHERE id = $1", conversation));
    }
  }

  @Test
  @DisplayName("a chat closed before a reload is still asked to be rated, by its own visitor only")
  void ratingAfterReload(Vertx vertx) throws Exception {
    AdminClient sam = staff(vertx, SAM);
    String visitor;
    String closed;
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      closed = askForPerson(shopper, "en");
      handoffFrame(shopper, "queued");
      ok(sam.post("/api/agent/conversations/" + closed + "/claim", null), 200);
      visitor = server.string("SELECT visitor_id FROM conversations WHERE id = $1", closed);
    }
    ok(sam.post("/api/agent/conversations/" + closed + "/close", null), 200);
    try (ChatClient stranger = ChatClient.connect(vertx, server.port())) {
      stranger.hello("v-" + UUID.randomUUID(), null, null, "en");
      stranger.send(new JsonObject().put("type", "rating").put("rating", 1).put("conversationId", closed));
      assertEquals("nothing_to_rate", stranger.awaitError().getString("code"));
    }
    try (ChatClient back = ChatClient.connect(vertx, server.port())) {
      JsonObject welcome = back.hello(visitor, closed, 3, "en");
      assertFalse(closed.equals(welcome.getString("conversationId")), "a closed conversation is not resumed");
      JsonObject ask = handoffFrame(back, "ended");
      assertTrue(ask.getBoolean("askRating"));
      assertEquals(closed, ask.getString("conversationId"));
      back.send(new JsonObject().put("type", "rating").put("rating", 3).put("conversationId", closed));
      back.await(f -> "rating_ack".equals(f.getString("type")));
    }
    assertEquals(3, server.count("SELECT rating FROM satisfaction_ratings WHERE conversation_id = $1", closed));
    try (ChatClient again = ChatClient.connect(vertx, server.port())) {
      again.hello(visitor, null, null, "en");
      again.say("m-x", "hi");
      again.awaitMessage("bot");
      assertTrue(again.seen().stream().noneMatch(f -> "handoff".equals(f.getString("type"))),
        "rated: not asked again " + again.seen());
    }
  }

  @Test
  @DisplayName("a shopper with €200 or more in the cart is served ahead of others at the same urgency")
  void bigCartFirst(Vertx vertx) throws Exception {
    try (ChatClient plain = ChatClient.connect(vertx, server.port());
         ChatClient big = ChatClient.connect(vertx, server.port())) {
      String first = askForPerson(plain, "en");
      handoffFrame(plain, "queued");
      String conversation = big.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      for (String sku : List.of("FW-2009", "AP-1006")) { // €169 + €119
        String id = "cart-" + UUID.randomUUID();
        big.send(new JsonObject().put("type", "event").put("event", new JsonObject().put("id", id)
          .put("type", "add_to_cart").put("sku", sku).put("at", java.time.Instant.now().toString())));
        big.await(f -> "event_ack".equals(f.getString("type")) && id.equals(f.getString("id")));
      }
      big.send(new JsonObject().put("type", "message").put("clientMsgId", "m-human").put("text", "Talk to a person")
        .put("payload", "/human"));
      assertEquals(1, handoffFrame(big, "queued").getInteger("position"), "ahead of the shopper who asked first");
      assertEquals(1, server.count("SELECT priority FROM handoffs WHERE conversation_id = $1 AND state = 'queued'",
        conversation));
      assertEquals(0, server.count("SELECT priority FROM handoffs WHERE conversation_id = $1 AND state = 'queued'",
        first));
    }
  }

  @Test
  @DisplayName("handed back, the bot answers again")
  void handBack(Vertx vertx) throws Exception {
    AdminClient sam = staff(vertx, SAM);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "en");
      handoffFrame(shopper, "queued");
      ok(sam.post("/api/agent/conversations/" + conversation + "/claim", null), 200);
      handoffFrame(shopper, "assigned");
      ok(sam.post("/api/agent/conversations/" + conversation + "/handback", null), 200);
      assertEquals("handed_back", handoffFrame(shopper, "ended").getString("how"));
      assertError(sam.post("/api/agent/conversations/" + conversation + "/messages",
        new JsonObject().put("clientMsgId", "a-late").put("text", "one more thing")), 409, "not_holder");
      shopper.say("m-4", "hi");
      JsonObject bot = shopper.awaitMessage("bot");
      assertFalse("human".equals(bot.getJsonObject("intent").getString("name")), bot.encodePrettily());
    }
  }

  @Test
  @DisplayName("a waiting shopper is told their new place when the one ahead is taken")
  void placeInQueueMoves(Vertx vertx) throws Exception {
    AdminClient sam = staff(vertx, SAM);
    try (ChatClient first = ChatClient.connect(vertx, server.port());
         ChatClient second = ChatClient.connect(vertx, server.port())) {
      String a = askForPerson(first, "en");
      handoffFrame(first, "queued");
      askForPerson(second, "en");
      assertEquals(2, second.await(f -> "handoff".equals(f.getString("type"))
        && Integer.valueOf(2).equals(f.getInteger("position"))).getInteger("position"));
      ok(sam.post("/api/agent/conversations/" + a + "/claim", null), 200);
      assertEquals(1, second.await(f -> "handoff".equals(f.getString("type"))
        && Integer.valueOf(1).equals(f.getInteger("position"))).getInteger("position"));
    }
  }

  @Test
  @DisplayName("two agents claiming one chat at once: exactly one gets it")
  void atomicClaim(Vertx vertx) throws Exception {
    AdminClient dana = staff(vertx, DANA);
    AdminClient sam = staff(vertx, SAM);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "en");
      handoffFrame(shopper, "queued");
      String path = "/api/agent/conversations/" + conversation + "/claim";
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<HttpResponse<Buffer>>> both = pool.invokeAll(List.<Callable<HttpResponse<Buffer>>>of(
          () -> dana.post(path, null), () -> sam.post(path, null)));
        int won = 0;
        int lost = 0;
        for (var f : both) {
          HttpResponse<Buffer> r = f.get(30, TimeUnit.SECONDS);
          if (r.statusCode() == 200) {
            won++;
          } else {
            assertEquals(409, r.statusCode(), r.bodyAsString());
            assertEquals("already_claimed", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
            lost++;
          }
        }
        assertEquals(1, won);
        assertEquals(1, lost);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, server.count("SELECT count(*) FROM handoffs WHERE conversation_id = $1 AND state = 'assigned'",
        conversation));
    }
  }

  @Test
  @DisplayName("routing: the agent must speak the shopper's language and have room; a chat waits when nobody does")
  void routingByLanguageAndLoad(Vertx vertx) throws Exception {
    try (ChatClient first = ChatClient.connect(vertx, server.port());
         ChatClient second = ChatClient.connect(vertx, server.port());
         ChatClient chinese = ChatClient.connect(vertx, server.port());
         ChatClient danaConsole = console(vertx, server, staff(vertx, DANA), DANA);
         ChatClient liConsole = console(vertx, server, staff(vertx, LI), LI)) {
      String a = askForPerson(first, "en");
      assertEquals("Dana", handoffFrame(first, "assigned").getJsonObject("agent").getString("name"));
      String b = askForPerson(second, "en");
      // Dana takes one chat at a time and Li does not speak English: the second shopper waits, told so.
      JsonObject waiting = handoffFrame(second, "queued");
      assertEquals(1, waiting.getInteger("position"));
      String c = askForPerson(chinese, "zh");
      assertEquals("Li", handoffFrame(chinese, "assigned").getJsonObject("agent").getString("name"));
      assertEquals("queued", server.string("SELECT state FROM handoffs WHERE conversation_id = $1 AND state <> 'ended'",
        b));
      // Dana's first chat ends: the waiting shopper is hers now.
      assertEquals(200, staff(vertx, DANA).post("/api/agent/conversations/" + a + "/close", null).statusCode());
      assertEquals("Dana", handoffFrame(second, "assigned").getJsonObject("agent").getString("name"));
      assertEquals("assigned", server.string("SELECT state FROM handoffs WHERE conversation_id = $1"
        + " AND state <> 'ended'", c));
    }
  }

  @Test
  @DisplayName("the agent API needs a signed-in agent or admin, and the CSRF token for writes")
  void agentAuth(Vertx vertx) throws Exception {
    AdminClient anonymous = new AdminClient(vertx, server.port());
    assertError(anonymous.get("/api/agent/queue"), 401, "unauthorized");
    AdminClient dana = staff(vertx, DANA);
    assertEquals(200, dana.get("/api/agent/queue").statusCode());
    assertError(dana.postWithoutCsrf("/api/agent/presence", new JsonObject().put("status", "online")), 403,
      "csrf_token_invalid");
    assertError(dana.post("/api/agent/presence", new JsonObject().put("status", "dancing")), 400, "invalid_field");
    assertError(dana.get("/api/admin/kb"), 403, "forbidden");
    assertEquals(200, staff(vertx, ADMIN).get("/api/agent/queue").statusCode());
    assertError(dana.post("/api/agent/conversations/c-nothere/claim", null), 404, "not_found");
    assertError(dana.get("/api/agent/conversations/bad%20id"), 400, "invalid_parameter");
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"), response.bodyAsString());
  }
}
