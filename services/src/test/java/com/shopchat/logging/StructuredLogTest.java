package com.shopchat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Shopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The logs of a running server, read as the production encoder writes them: JSON lines that carry the request
 * and conversation they concern, across Vert.x's hops between event loop, workers and the shop backend, and never
 * a shopper's email, phone number or address.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Structured logs")
class StructuredLogTest {

  private static final String ADMIN = "ops@shop.test";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String AGENT = "agent@shop.test";
  private static final String EMAIL = "james.oconnor@example.com";
  private static final String PHONE = "+49 170 1234567";
  private static final String STREET = "Lindenweg 3";

  private static TestServer server;
  private static LogCapture logs;
  private static AdminClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("NLU_MODEL_DIR", "shipped", "ADMIN_EMAIL", ADMIN,
      "ADMIN_PASSWORD", PASSWORD));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    logs = LogCapture.attach();
    admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    logs.detach();
    server.stop(vertx);
  }

  @AfterEach
  void inheritLevelsAgain() throws Exception {
    for (String logger : List.of("com.shopchat", "com.shopchat.http.access")) {
      assertEquals(200, admin.put("/api/admin/logging/" + logger, new JsonObject().putNull("level")).statusCode());
    }
  }

  private static void level(String logger, String level) throws Exception {
    HttpResponse<Buffer> response = admin.put("/api/admin/logging/" + logger, new JsonObject().put("level", level));
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  @DisplayName("a conversation with an email, a phone number and an order's new address logs JSON lines that carry its ids and none of those")
  void conversationLines(Vertx vertx) throws Exception {
    level("com.shopchat", "DEBUG");
    int mark = logs.mark();
    String conversation;
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-logs", null, "en")) {
      conversation = s.conversationId();
      s.says("I need to change the delivery address of my order MT-100012");
      assertTrue(s.says(EMAIL).getString("text").contains("Where should it go instead"));
      s.says("you can call me on " + PHONE);
      assertTrue(s.says(STREET + ", 80331 München, Germany").getString("text").contains("80331"));
    }
    logs.await(mark, line -> line.getString("message").startsWith("bot answered v-logs") && line.getString("message")
      .contains("80331"));
    List<JsonObject> lines = logs.since(mark);
    for (JsonObject line : lines) {
      for (String field : List.of("timestamp", "level", "logger", "thread", "message")) {
        assertNotNull(line.getString(field), field + " missing in " + line.encode());
      }
    }
    for (String raw : logs.rawSince(mark)) {
      for (String secret : List.of(EMAIL, PHONE, "1701234567", "170 1234567", STREET)) {
        assertFalse(raw.contains(secret), secret + " in " + raw);
      }
    }
    List<JsonObject> turns = lines.stream().filter(l -> l.getString("message").contains("v-logs")).toList();
    assertEquals(8, turns.size(), turns.toString()); // four messages received, four bot turns
    turns.forEach(line -> {
      assertEquals(conversation, line.getString(LogIds.CONVERSATION_ID), line.encode());
      assertNotNull(line.getString(LogIds.REQUEST_ID), line.encode());
    });
    assertTrue(turns.stream().anyMatch(l -> l.getString("message").contains("j***@example.com")), turns.toString());
    assertTrue(turns.stream().anyMatch(l -> l.getString("message").contains("[address], 80331")), turns.toString());
  }

  @Test
  @DisplayName("two conversations interleaving on the server: each line carries its own conversation, and a turn the request id of its message")
  void interleavedConversations(Vertx vertx) throws Exception {
    level("com.shopchat", "DEBUG");
    int mark = logs.mark();
    try (ChatClient a = ChatClient.connect(vertx, server.port()); ChatClient b = ChatClient.connect(vertx, server.port())) {
      Map<String, String> conversations = new HashMap<>();
      conversations.put("va", a.hello("va", null, null, "en").getString("conversationId"));
      conversations.put("vb", b.hello("vb", null, null, "en").getString("conversationId"));
      // Sent without waiting for answers: both sockets' frames and turns overlap on the server.
      for (int i = 1; i <= 4; i++) {
        a.say("va-" + i, "where is my order MT-10000" + i + "?");
        b.say("vb-" + i, "what is your return policy?");
      }
      for (int i = 1; i <= 4; i++) {
        a.awaitMessage("bot");
        b.awaitMessage("bot");
      }
      for (String visitor : List.of("va", "vb")) {
        for (int i = 1; i <= 4; i++) {
          String id = visitor + "-" + i;
          JsonObject received = logs.await(mark, l -> l.getString("message").contains(" received " + id + ":"));
          JsonObject answered = logs.await(mark, l -> l.getString("message").startsWith("bot answered " + id + " "));
          assertEquals(conversations.get(visitor), received.getString(LogIds.CONVERSATION_ID), received.encode());
          assertEquals(conversations.get(visitor), answered.getString(LogIds.CONVERSATION_ID), answered.encode());
          // The turn ran on workers, the NLU batcher, the shop backend and PostgreSQL: still the message's request.
          assertEquals(received.getString(LogIds.REQUEST_ID), answered.getString(LogIds.REQUEST_ID), answered.encode());
        }
      }
    }
    List<String> requestIds = logs.since(mark).stream().filter(l -> l.getString("message").contains(" received "))
      .map(l -> l.getString(LogIds.REQUEST_ID)).toList();
    assertEquals(8, requestIds.stream().distinct().count(), requestIds.toString());
  }

  @Test
  @DisplayName("an HTTP request's lines carry its request id, a sane X-Request-Id is kept and echoed, an unsafe one replaced")
  void httpRequestIds(Vertx vertx) throws Exception {
    WebClient http = WebClient.create(vertx);
    int mark = logs.mark();
    HttpResponse<Buffer> kept = http.get(server.port(), "127.0.0.1", "/api/products")
      .putHeader("X-Request-Id", "lb-7f3a.42:edge_1").send().await(30, TimeUnit.SECONDS);
    assertEquals(200, kept.statusCode());
    assertEquals("lb-7f3a.42:edge_1", kept.getHeader("X-Request-Id"));
    JsonObject access = logs.await(mark, l -> "com.shopchat.http.access".equals(l.getString("logger"))
      && l.getString("message").startsWith("GET /api/products 200"));
    assertEquals("lb-7f3a.42:edge_1", access.getString(LogIds.REQUEST_ID));

    for (String unsafe : List.of("two words", "x".repeat(65), "id\",\"level\":\"ERROR", "")) {
      HttpResponse<Buffer> replaced = http.get(server.port(), "127.0.0.1", "/api/nothing-here")
        .putHeader("X-Request-Id", unsafe).send().await(30, TimeUnit.SECONDS);
      String id = replaced.getHeader("X-Request-Id");
      assertEquals(404, replaced.statusCode());
      assertNotEquals(unsafe, id);
      assertTrue(id.matches("[0-9a-f-]{36}"), id);
      JsonObject line = logs.await(mark, l -> id.equals(l.getString(LogIds.REQUEST_ID)));
      assertEquals("GET /api/nothing-here 404", line.getString("message").replaceAll(" \\d+ms$", ""));
    }
    http.close();
  }

  @Test
  @DisplayName("an agent's request about a conversation logs with its conversation id as well as its request id")
  void agentRequestLines(Vertx vertx) throws Exception {
    String conversation;
    try (Shopper s = Shopper.connect(vertx, server.port(), "v-agent-logs", null, "en")) {
      conversation = s.conversationId();
    }
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    int mark = logs.mark();
    HttpResponse<Buffer> view = agent.get("/api/agent/conversations/" + conversation);
    JsonObject line = logs.await(mark, l -> l.getString("message").startsWith("GET /api/agent/conversations/"));
    assertEquals(conversation, line.getString(LogIds.CONVERSATION_ID), line.encode());
    assertEquals(view.getHeader("X-Request-Id"), line.getString(LogIds.REQUEST_ID));
  }

  @Test
  @DisplayName("a level changed at run time takes effect at once: a debug line appears after the PUT and not before")
  void levelAtRunTime(Vertx vertx) throws Exception {
    WebClient http = WebClient.create(vertx);
    int before = logs.mark();
    String first = http.get(server.port(), "127.0.0.1", "/health").send().await(30, TimeUnit.SECONDS)
      .getHeader("X-Request-Id");
    // The request after it is logged at INFO, so once its line is out, the health check's would be too.
    http.get(server.port(), "127.0.0.1", "/api/products").send().await(30, TimeUnit.SECONDS);
    logs.await(before, l -> l.getString("message").startsWith("GET /api/products"));
    assertTrue(logs.since(before).stream().noneMatch(l -> first.equals(l.getString(LogIds.REQUEST_ID))),
      logs.since(before).toString());

    HttpResponse<Buffer> put = admin.put("/api/admin/logging/com.shopchat.http.access",
      new JsonObject().put("level", "debug"));
    assertEquals(new JsonObject().put("name", "com.shopchat.http.access").put("level", "DEBUG")
      .put("effectiveLevel", "DEBUG"), put.bodyAsJsonObject());
    int after = logs.mark();
    String second = http.get(server.port(), "127.0.0.1", "/health").send().await(30, TimeUnit.SECONDS)
      .getHeader("X-Request-Id");
    JsonObject line = logs.await(after, l -> second.equals(l.getString(LogIds.REQUEST_ID)));
    assertEquals("DEBUG", line.getString("level"));
    assertTrue(line.getString("message").startsWith("GET /health 200 "), line.encode());
    JsonObject listed = admin.get("/api/admin/logging").bodyAsJsonObject().getJsonArray("loggers").stream()
      .map(JsonObject.class::cast).filter(l -> "com.shopchat.http.access".equals(l.getString("name")))
      .findFirst().orElseThrow();
    assertEquals("DEBUG", listed.getString("level"));
    http.close();
  }

  @Test
  @DisplayName("a careless log call with an email, a phone and an exception message holding them is masked in the line")
  void carelessLogCall() throws Exception {
    int mark = logs.mark();
    LoggerFactory.getLogger("com.shopchat.careless").warn("shopper {} called from {}", EMAIL, PHONE,
      new IllegalStateException("no account for " + EMAIL + ", phone " + PHONE));
    JsonObject line = logs.await(mark, l -> "com.shopchat.careless".equals(l.getString("logger")));
    assertEquals("shopper j***@example.com called from +** *** *****67", line.getString("message"));
    assertTrue(line.getString("exception").startsWith(
      "java.lang.IllegalStateException: no account for j***@example.com, phone +** *** *****67"), line.encode());
    assertFalse(logs.rawSince(mark).get(0).contains("1234567"));
  }

  @Test
  @DisplayName("the logging API refuses no session (401), an agent (403), a write without the CSRF token (403), a bad level or logger name (400), changing nothing")
  void refusals(Vertx vertx) throws Exception {
    String target = "/api/admin/logging/com.shopchat.gateway";
    JsonObject debug = new JsonObject().put("level", "DEBUG");
    AdminClient anonymous = new AdminClient(vertx, server.port());
    assertError(anonymous.get("/api/admin/logging"), 401, "unauthorized");
    assertError(anonymous.put(target, debug), 401, "unauthorized");
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    assertError(agent.get("/api/admin/logging"), 403, "forbidden");
    assertError(agent.put(target, debug), 403, "forbidden");
    AdminClient noCsrf = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    noCsrf.withCsrf(null);
    assertError(noCsrf.put(target, debug), 403, "csrf_token_invalid");
    assertError(admin.put(target, new JsonObject().put("level", "LOUD")), 400, "invalid_level");
    assertError(admin.put(target, new JsonObject().put("level", 3)), 400, "invalid_level");
    assertError(admin.put(target, new JsonObject()), 400, "invalid_level");
    assertError(admin.put("/api/admin/logging/ROOT", new JsonObject().putNull("level")), 400, "invalid_level");
    assertError(admin.send(HttpMethod.PUT, target, null, Map.of()), 400, "bad_json");
    for (String name : List.of("com..shopchat", "com.shop%20chat", ".com", "x".repeat(201))) {
      assertError(admin.put("/api/admin/logging/" + name, debug), 400, "invalid_logger");
    }
    assertEquals(null, ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.shopchat.gateway")).getLevel());
    assertFalse(admin.get("/api/admin/logging").bodyAsString().contains("com.shopchat.shop chat"));
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"), response.bodyAsString());
  }
}
