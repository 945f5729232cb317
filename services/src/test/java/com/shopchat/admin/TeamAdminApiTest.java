package com.shopchat.admin;

import static com.shopchat.support.Handoffs.askForPerson;
import static com.shopchat.support.Handoffs.console;
import static com.shopchat.support.Handoffs.handoffFrame;
import static com.shopchat.support.AdminClient.errorCode;
import static com.shopchat.support.AdminClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The team API ({@code /api/admin/staff}) over real HTTP and websockets: admins add agents with the languages,
 * topics and number of chats routing gives them, change them, reset passwords and disable them — and routing,
 * consoles and waiting shoppers follow. Bad input and the team's rules change nothing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The team: staff accounts managed by admins")
class TeamAdminApiTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "team-admin@shop.test";
  private static final String STAFF = "/api/admin/staff";
  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
    admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** Every test starts with nobody online and nothing waiting. */
  @BeforeEach
  void reset() throws Exception {
    server.count("WITH c AS (UPDATE handoffs SET state = 'ended', ended_at = now(), ended_how = 'closed'"
      + " WHERE state <> 'ended' RETURNING 1) SELECT count(*) FROM c");
    server.count("WITH c AS (UPDATE staff_users SET presence = 'offline' RETURNING 1) SELECT count(*) FROM c");
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.test";
  }

  private static HttpResponse<Buffer> patch(AdminClient who, long id, JsonObject body) throws Exception {
    return who.send(HttpMethod.PATCH, STAFF + "/" + id, body, Map.of());
  }

  private static JsonObject addAgent(String email, JsonObject more) throws Exception {
    return ok(admin.post(STAFF, new JsonObject().put("email", email).put("password", PASSWORD).mergeIn(more)), 201);
  }

  @Test
  @DisplayName("an admin adds an agent with a name, languages, topics and a chat limit; the agent can sign in and "
    + "the list shows them")
  void addAgent(Vertx vertx) throws Exception {
    String email = unique("Mia");
    JsonObject mia = addAgent(email, new JsonObject().put("displayName", "  Mia <b>K</b>  ")
      .put("languages", new JsonArray().add("zh").add("en").add("zh")).put("topics", new JsonArray().add("returns"))
      .put("maxChats", 5));
    assertEquals(email.toLowerCase(), mia.getString("email"));
    assertEquals("Mia <b>K</b>", mia.getString("displayName"), "stored as typed (consoles show it as text)");
    assertEquals(new JsonArray().add("agent"), mia.getJsonArray("roles"), "an agent unless roles say otherwise");
    assertEquals(new JsonArray().add("en").add("zh"), mia.getJsonArray("languages"));
    assertEquals(new JsonArray().add("returns"), mia.getJsonArray("topics"));
    assertEquals(5, mia.getInteger("maxChats"));
    assertEquals("offline", mia.getString("presence"));
    assertFalse(mia.containsKey("passwordHash"));

    JsonObject list = ok(admin.get(STAFF), 200);
    assertTrue(list.getJsonArray("staff").stream().map(JsonObject.class::cast)
      .anyMatch(s -> s.getLong("id").equals(mia.getLong("id")) && s.getInteger("chats") == 0));
    assertEquals(new JsonArray().add("orders").add("returns").add("payment").add("delivery").add("products")
      .add("account"), list.getJsonArray("topics"));
    assertEquals(ok(admin.get("/api/auth/me"), 200).getJsonObject("user").getLong("id"), list.getLong("me"));
    assertEquals(mia, ok(admin.get(STAFF + "/" + mia.getLong("id")), 200));

    AdminClient signedIn = new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
    JsonObject me = ok(signedIn.get("/api/agent/queue"), 200).getJsonObject("me");
    assertEquals("Mia <b>K</b>", me.getString("name"));
    assertEquals(5, me.getInteger("maxChats"));
  }

  @Test
  @DisplayName("bad input is refused naming the field, and nothing is stored")
  void badInput() throws Exception {
    long before = server.count("SELECT count(*) FROM staff_users");
    String email = unique("bad");
    JsonObject good = new JsonObject().put("email", email).put("password", PASSWORD);
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("email", "not-an-address")), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("email", "x'); DROP TABLE staff_users;--")),
      400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, new JsonObject().put("password", PASSWORD)), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("password", "short")), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("roles", new JsonArray().add("root"))),
      400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("roles", new JsonArray())), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("languages", new JsonArray())), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("languages", "en")), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("topics",
      new JsonArray().add("gossip"))), 400));
    for (Object max : List.of(0, 51, "3", 2.5)) {
      assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("maxChats", max)), 400), "" + max);
    }
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("displayName", "x".repeat(81))), 400));
    assertEquals("invalid_field", errorCode(admin.post(STAFF, good.copy().put("displayName", "tab\there")), 400));
    assertEquals("unknown_field", errorCode(admin.post(STAFF, good.copy().put("role", "admin")), 400));
    HttpResponse<Buffer> notJson = admin.postText(STAFF, "application/json", "{\"email\": ");
    assertEquals("bad_json", errorCode(notJson, 400));
    assertEquals(before, server.count("SELECT count(*) FROM staff_users"));

    JsonObject added = addAgent(email, new JsonObject());
    assertEquals("email_taken", errorCode(admin.post(STAFF, good.copy().put("email", email.toUpperCase())), 409));
    long id = added.getLong("id");
    assertEquals("invalid_field", errorCode(patch(admin, id, new JsonObject()), 400));
    assertEquals("invalid_field", errorCode(patch(admin, id, new JsonObject().put("disabled", "yes")), 400));
    assertEquals("invalid_field", errorCode(patch(admin, id, new JsonObject().put("maxChats", -1)), 400));
    assertEquals("unknown_field", errorCode(patch(admin, id, new JsonObject().put("email", "new@shop.test")), 400));
    assertEquals("not_found", errorCode(patch(admin, 987654321, new JsonObject().put("maxChats", 2)), 404));
    assertEquals("not_found", errorCode(admin.get(STAFF + "/abc"), 404));
    assertEquals(added, ok(admin.get(STAFF + "/" + id), 200), "nothing changed");
  }

  @Test
  @DisplayName("the team API is refused without a session (401), to an agent (403) and without the CSRF token (403)")
  void refusedToOthers(Vertx vertx) throws Exception {
    String email = unique("agent");
    long id = addAgent(email, new JsonObject()).getLong("id");
    assertEquals("unauthorized", errorCode(new AdminClient(vertx, server.port()).get(STAFF), 401));
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
    assertEquals("forbidden", errorCode(agent.get(STAFF), 403));
    assertEquals("forbidden", errorCode(patch(agent, id, new JsonObject().put("maxChats", 50)), 403));
    assertEquals("forbidden", errorCode(agent.post(STAFF, new JsonObject().put("email", unique("x"))
      .put("password", PASSWORD).put("roles", new JsonArray().add("admin"))), 403));
    assertEquals("csrf_token_invalid", errorCode(admin.postWithoutCsrf(STAFF, new JsonObject()
      .put("email", unique("y")).put("password", PASSWORD)), 403));
    assertEquals(3, server.value("SELECT max_chats FROM staff_users WHERE id = $1", id));
  }

  @Test
  @DisplayName("a new password replaces the old one; a disabled account cannot sign in, and enabled again it can")
  void passwordAndDisable(Vertx vertx) throws Exception {
    String email = unique("pat");
    long id = addAgent(email, new JsonObject()).getLong("id");
    String fresh = "another long staff password";
    ok(patch(admin, id, new JsonObject().put("password", fresh)), 200);
    assertEquals(401, new AdminClient(vertx, server.port()).login(email, PASSWORD).statusCode());
    AdminClient pat = new AdminClient(vertx, server.port()).loggedIn(email, fresh);

    JsonObject disabled = ok(patch(admin, id, new JsonObject().put("disabled", true)), 200);
    assertTrue(disabled.getBoolean("disabled"));
    assertEquals("unauthorized", errorCode(pat.get("/api/agent/queue"), 401), "the session ends with the account");
    assertEquals(401, new AdminClient(vertx, server.port()).login(email, fresh).statusCode());
    ok(patch(admin, id, new JsonObject().put("disabled", false)), 200);
    new AdminClient(vertx, server.port()).loggedIn(email, fresh);
  }

  @Test
  @DisplayName("an admin cannot disable themselves or drop their own admin role; two admins demoting each other at "
    + "once leave exactly one admin")
  void keepsAnAdmin(Vertx vertx) throws Exception {
    long me = ok(admin.get(STAFF), 200).getLong("me");
    assertEquals("own_account", errorCode(patch(admin, me, new JsonObject().put("disabled", true)), 409));
    assertEquals("own_account", errorCode(patch(admin, me, new JsonObject().put("roles", new JsonArray().add("agent"))),
      409));
    ok(patch(admin, me, new JsonObject().put("displayName", "Boss")), 200);

    // Two more admins, in a server of their own so the others' admin stays an admin.
    TestServer other = TestServer.start(vertx, Map.of("ADMIN_EMAIL", "first@shop.test", "ADMIN_PASSWORD", PASSWORD));
    try {
      AdminClient first = new AdminClient(vertx, other.port()).loggedIn("first@shop.test", PASSWORD);
      JsonObject adminRole = new JsonObject().put("roles", new JsonArray().add("admin"));
      long a = ok(first.post(STAFF, new JsonObject().put("email", "a@shop.test").put("password", PASSWORD)
        .mergeIn(adminRole)), 201).getLong("id");
      long b = ok(first.post(STAFF, new JsonObject().put("email", "b@shop.test").put("password", PASSWORD)
        .mergeIn(adminRole)), 201).getLong("id");
      AdminClient alice = new AdminClient(vertx, other.port()).loggedIn("a@shop.test", PASSWORD);
      AdminClient bob = new AdminClient(vertx, other.port()).loggedIn("b@shop.test", PASSWORD);
      long firstId = ok(first.get(STAFF), 200).getLong("me");
      ok(patch(alice, firstId, new JsonObject().put("roles", new JsonArray().add("agent"))), 200);

      JsonObject demote = new JsonObject().put("roles", new JsonArray().add("agent"));
      Future<HttpResponse<Buffer>> byAlice = alice.sending(HttpMethod.PATCH, STAFF + "/" + b, demote, Map.of());
      Future<HttpResponse<Buffer>> byBob = bob.sending(HttpMethod.PATCH, STAFF + "/" + a, demote, Map.of());
      Future.join(byAlice, byBob).await(30, TimeUnit.SECONDS);
      List<HttpResponse<Buffer>> answers = List.of(byAlice.result(), byBob.result());
      assertEquals(1, answers.stream().filter(r -> r.statusCode() == 200).count(), answers.toString());
      HttpResponse<Buffer> loser = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElseThrow();
      String code = loser.bodyAsJsonObject().getJsonObject("error").getString("code");
      // Refused by the rule when both passed the role check together, by the role check when one came later.
      assertTrue(loser.statusCode() == 409 && "last_admin".equals(code) || loser.statusCode() == 403, code);
      assertEquals(1, other.count("SELECT count(*) FROM staff_users WHERE 'admin' = ANY (roles) AND NOT disabled"));
    } finally {
      other.drop(vertx);
    }
  }

  @Test
  @DisplayName("disabling an agent who holds a chat sends it back to the queue: the shopper is told they wait again, "
    + "the agent's console is told and closed, and another online agent gets the chat")
  void disableRequeues(Vertx vertx) throws Exception {
    String danaEmail = unique("dana");
    String samEmail = unique("sam");
    long dana = addAgent(danaEmail, new JsonObject().put("displayName", "Dana")).getLong("id");
    long sam = addAgent(samEmail, new JsonObject().put("displayName", "Sam")).getLong("id");
    AdminClient danaSession = new AdminClient(vertx, server.port()).loggedIn(danaEmail, PASSWORD);
    try (ChatClient danaConsole = console(vertx, server, danaSession, danaEmail);
         ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "en");
      assertEquals("Dana", handoffFrame(shopper, "assigned").getJsonObject("agent").getString("name"));
      AdminClient samSession = new AdminClient(vertx, server.port()).loggedIn(samEmail, PASSWORD);
      try (ChatClient samConsole = console(vertx, server, samSession, samEmail)) {
        assertEquals(1, ok(admin.get(STAFF + "/" + dana), 200).getInteger("chats"));

        JsonObject changed = ok(patch(admin, dana, new JsonObject().put("disabled", true)), 200);
        assertEquals(1, changed.getInteger("requeued"));
        assertEquals("offline", changed.getString("presence"));
        // Dana's console closing may tell waiting shoppers their place first; the widget heeds only the requeued one.
        JsonObject waiting = shopper.await(f -> "handoff".equals(f.getString("type"))
          && "queued".equals(f.getString("state")) && Boolean.TRUE.equals(f.getBoolean("requeued")));
        assertEquals(1, waiting.getInteger("position"), waiting.encode());
        assertEquals("Sam", handoffFrame(shopper, "assigned").getJsonObject("agent").getString("name"));
        danaConsole.await(f -> "account_disabled".equals(f.getString("type")));
        assertEquals(4403, (int) danaConsole.awaitClosed());
        samConsole.await(f -> "assigned".equals(f.getString("type")));
        assertEquals(sam, server.value("SELECT agent_id FROM handoffs WHERE conversation_id = $1 AND state = 'assigned'",
          conversation));
        assertEquals(1, server.count("SELECT count(*) FROM handoffs WHERE conversation_id = $1", conversation),
          "the same handoff, waiting again, then Sam's: no second request");
      }
    }
  }

  @Test
  @DisplayName("an agent given a new language is routed the chat that waited for it")
  void newLanguageRoutes(Vertx vertx) throws Exception {
    String email = unique("lee");
    long lee = addAgent(email, new JsonObject().put("displayName", "Lee")).getLong("id");
    AdminClient leeSession = new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
    try (ChatClient leeConsole = console(vertx, server, leeSession, email);
         ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper, "zh");
      JsonObject queued = handoffFrame(shopper, "queued");
      assertEquals(0, queued.getInteger("agentsOnline"), "nobody online speaks Chinese");
      ok(patch(admin, lee, new JsonObject().put("languages", new JsonArray().add("en").add("zh"))
        .put("topics", new JsonArray().add("account"))), 200);
      assertEquals("Lee", handoffFrame(shopper, "assigned").getJsonObject("agent").getString("name"));
      JsonObject assigned = leeConsole.await(f -> "assigned".equals(f.getString("type")));
      assertEquals(conversation, assigned.getJsonObject("handoff").getString("conversationId"));
      assertNotNull(server.value("SELECT assigned_at FROM handoffs WHERE conversation_id = $1", conversation));
    }
  }
}
