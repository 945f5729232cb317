package com.shopchat.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, route by route: the staff routes come from the router itself, so a route added later is held
 * to the same rules. Without a session 401; an agent on the admin API 403; a write without the CSRF token 403;
 * the agent's live channel only with a session and from the server's own page. Shoppers: another shopper's
 * conversation is never resumed or rated, and a flood on one socket is cut off while other shoppers are served.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The authorization matrix and rate limits")
class AuthorizationMatrixTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "matrix-admin@shop.test";
  private static final String AGENT = "matrix-agent@shop.test";
  static final int FLOOD_FRAMES = 2_000;
  private static final int RATE_LIMIT = 20;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("RATE_LIMIT_MESSAGES", String.valueOf(RATE_LIMIT),
      "RATE_LIMIT_WINDOW_SECONDS", "60"));
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher());
    accounts.create(ADMIN, PASSWORD, List.of("admin", "agent")).await(30, TimeUnit.SECONDS);
    accounts.create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static AdminClient signedIn(Vertx vertx, String email) throws Exception {
    return new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
  }

  /** The request with an empty JSON body on writes; the guards must answer before any handler reads it. */
  private static HttpResponse<Buffer> call(AdminClient client, Routes.Endpoint endpoint, boolean csrf)
    throws Exception {
    String uri = endpoint.uri("matrix-1");
    if (!endpoint.write()) {
      return client.get(uri);
    }
    return csrf ? client.send(endpoint.method(), uri, new JsonObject(), Map.of())
      : client.withCsrf(null).send(endpoint.method(), uri, new JsonObject(), Map.of());
  }

  /** Collects "ROUTE: expected STATUS code, got …" for every endpoint that answers otherwise. */
  private static void expect(List<String> wrong, Routes.Endpoint endpoint, HttpResponse<Buffer> response,
                             int status, String code) {
    String got = response.statusCode() + " " + response.bodyAsString();
    if (response.statusCode() != status) {
      wrong.add(endpoint + ": expected " + status + ", got " + got);
      return;
    }
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    if (error == null || !code.equals(error.getString("code")) || error.getString("message") == null) {
      wrong.add(endpoint + ": expected the error shape with " + code + ", got " + got);
    }
  }

  private static List<Routes.Endpoint> guarded() {
    List<Routes.Endpoint> guarded = new ArrayList<>(Routes.under(server, "/api/admin/").stream()
      .filter(e -> !e.path().equals("/api/admin/openapi.json")).toList());
    guarded.addAll(Routes.under(server, "/api/agent/"));
    guarded.addAll(Routes.under(server, "/api/auth/").stream().filter(e -> !e.path().equals("/api/auth/login"))
      .toList());
    return guarded;
  }

  @Test
  @DisplayName("every admin, agent and session route answers 401 without a session, or with a forged cookie")
  void noSession(Vertx vertx) throws Exception {
    List<Routes.Endpoint> guarded = guarded();
    assertTrue(guarded.size() >= 40, "the router lists the staff routes: " + guarded);
    var before = Rows.count(server);
    List<String> wrong = new ArrayList<>();
    AdminClient anonymous = new AdminClient(vertx, server.port());
    AdminClient forged = new AdminClient(vertx, server.port());
    forged.cookie("shopchat_staff=" + UUID.randomUUID());
    for (Routes.Endpoint endpoint : guarded) {
      expect(wrong, endpoint, call(anonymous, endpoint, false), 401, "unauthorized");
      expect(wrong, endpoint, call(forged, endpoint, false), 401, "unauthorized");
    }
    assertEquals(List.of(), wrong);
    assertEquals(before, Rows.count(server));
  }

  @Test
  @DisplayName("every admin route answers 403 to an agent, even with the CSRF token")
  void wrongRole(Vertx vertx) throws Exception {
    var before = Rows.count(server);
    List<String> wrong = new ArrayList<>();
    AdminClient agent = signedIn(vertx, AGENT);
    for (Routes.Endpoint endpoint : Routes.under(server, "/api/admin/")) {
      if (!endpoint.path().equals("/api/admin/openapi.json")) {
        expect(wrong, endpoint, call(agent, endpoint, true), 403, "forbidden");
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(before, Rows.count(server));
  }

  @Test
  @DisplayName("every write of the admin and agent APIs answers 403 csrf_token_invalid without the token, or with "
    + "another session's, and changes nothing")
  void writesWithoutCsrf(Vertx vertx) throws Exception {
    var before = Rows.count(server);
    List<String> wrong = new ArrayList<>();
    AdminClient admin = signedIn(vertx, ADMIN);
    String otherToken = signedIn(vertx, AGENT).csrfToken();
    List<Routes.Endpoint> writes = guarded().stream().filter(Routes.Endpoint::write).toList();
    assertTrue(writes.size() >= 25, writes.toString());
    for (Routes.Endpoint endpoint : writes) {
      expect(wrong, endpoint, call(admin, endpoint, false), 403, "csrf_token_invalid");
      String token = admin.csrfToken();
      admin.withCsrf(otherToken);
      expect(wrong, endpoint, call(admin, endpoint, true), 403, "csrf_token_invalid");
      admin.withCsrf(token);
    }
    assertEquals(List.of(), wrong);
    // The admin's session still works: refusals did not end it.
    assertEquals(200, admin.get("/api/auth/me").statusCode());
    assertEquals(before, Rows.count(server));
  }

  @Test
  @DisplayName("the agent's live channel is refused without a session (401), and with one from a foreign origin "
    + "or none (403)")
  void agentChannel(Vertx vertx) throws Exception {
    AdminClient agent = signedIn(vertx, AGENT);
    String own = "http://127.0.0.1:" + server.port();
    assertEquals(401, upgradeStatus(vertx, null, own));
    assertEquals(403, upgradeStatus(vertx, agent.cookie(), "https://evil.example"));
    assertEquals(403, upgradeStatus(vertx, agent.cookie(), "http://127.0.0.1:" + (server.port() + 1)));
    assertEquals(403, upgradeStatus(vertx, agent.cookie(), null));
    try (ChatClient console = ChatClient.connect(vertx, options(agent.cookie(), own))) {
      // Answered on the channel ("ready" may have come before the client listened).
      console.send(new JsonObject().put("type", "watch").put("conversationId", "c-own"));
      assertEquals("c-own", console.await(f -> "watching".equals(f.getString("type"))).getString("conversationId"));
    }
  }

  private static WebSocketConnectOptions options(String cookie, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
      .setURI("/api/agent/ws");
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    if (origin != null) {
      options.addHeader("Origin", origin);
    } else {
      options.setAllowOriginHeader(false); // the client would send its own
    }
    return options;
  }

  private static int upgradeStatus(Vertx vertx, String cookie, String origin) {
    Exception e = assertThrows(Exception.class, () -> ChatClient.connect(vertx, options(cookie, origin)).close());
    Throwable cause = e instanceof UpgradeRejectedException ? e : e.getCause();
    assertTrue(cause instanceof UpgradeRejectedException, String.valueOf(e));
    return ((UpgradeRejectedException) cause).getStatus();
  }

  @Test
  @DisplayName("a shopper naming another's conversation gets a new one with nothing replayed, and cannot rate it")
  void anotherShoppersConversation(Vertx vertx) throws Exception {
    String secret = "my address is 12 Secret Lane";
    String theirs;
    try (ChatClient owner = ChatClient.connect(vertx, server.port())) {
      theirs = owner.hello("v-owner-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      owner.say("m-1", secret);
      owner.awaitMessage("bot");
    }
    try (ChatClient intruder = ChatClient.connect(vertx, server.port())) {
      JsonObject welcome = intruder.hello("v-intruder-" + UUID.randomUUID(), theirs, 0, "en");
      assertFalse(welcome.getString("conversationId").equals(theirs));
      assertFalse(welcome.getBoolean("resumed"));
      assertEquals(0, welcome.getInteger("lastSeq"));
      intruder.send(new JsonObject().put("type", "rating").put("rating", 1).put("conversationId", theirs));
      assertEquals("nothing_to_rate", intruder.awaitError().getString("code"));
      assertTrue(intruder.seen().stream().noneMatch(f -> f.encode().contains("Secret Lane")), "nothing replayed");
    }
    assertEquals(0, server.count("SELECT count(*) FROM satisfaction_ratings"));
  }

  @Test
  @DisplayName("a flood of 2,000 messages and events on one socket is cut off at the rate limit with one "
    + "rate_limited error, while another shopper's turns are answered within a bound")
  void flood(Vertx vertx) throws Exception {
    try (ChatClient flooder = ChatClient.connect(vertx, server.port());
         ChatClient other = ChatClient.connect(vertx, server.port())) {
      String flooded = flooder.hello("v-flood-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      other.hello("v-other-" + UUID.randomUUID(), null, null, "en");
      long eventsBefore = server.count("SELECT count(*) FROM behaviour_events");
      String at = java.time.Instant.now().toString();
      for (int i = 0; i < FLOOD_FRAMES; i++) {
        JsonObject frame = i % 2 == 0
          ? new JsonObject().put("type", "message").put("clientMsgId", "f-" + i).put("text", "flood " + i)
          : new JsonObject().put("type", "event").put("event", new JsonObject().put("id", "fe-" + i)
            .put("type", "search").put("query", "flood").put("at", at));
        flooder.send(frame);
        // Every 400 frames the other shopper takes a turn: answered within the bound, flood or not.
        if (i % 400 == 0) {
          long start = System.nanoTime();
          other.say("o-" + i, "what is your return policy?");
          other.awaitMessage("bot");
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "another shopper waited " + took);
        }
      }
      assertEquals("rate_limited", flooder.awaitError().getString("code"));
      // The hello and the first RATE_LIMIT - 1 frames were within the limit: 10 messages and 9 events.
      flooder.await(f -> "f-18".equals(f.getString("clientMsgId")) && "shopper".equals(f.getString("from")));
      long stored = server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'shopper'",
        flooded);
      assertEquals(RATE_LIMIT / 2, stored);
      long events = server.count("SELECT count(*) FROM behaviour_events") - eventsBefore;
      assertTrue(events <= RATE_LIMIT / 2, "events stored from the flood: " + events);
      assertEquals(1, flooder.seen().stream().filter(f -> "rate_limited".equals(f.getString("code"))).count());
    }
  }
}
