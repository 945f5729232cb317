package com.shopchat.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the agent console reads besides the handoff API proper: the canned replies, the agent's own name and
 * presence with the queue, the shopper's name and the entities of their messages in the conversation view, and the
 * page itself at /agent/.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The agent console's API")
class AgentConsoleApiTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "console-api-admin@shop.test";
  private static final String DANA = "dana.console@shop.test";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(DANA, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    server.count("WITH changed AS (UPDATE staff_users SET display_name = 'Dana' WHERE email = $1 RETURNING 1)"
      + " SELECT count(*) FROM changed", DANA);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static AdminClient staff(Vertx vertx, String email) throws Exception {
    return new AdminClient(vertx, server.port()).loggedIn(email, PASSWORD);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("canned replies: every one in English and Chinese, with the placeholders the console fills")
  void cannedReplies(Vertx vertx) throws Exception {
    assertEquals(401, new AdminClient(vertx, server.port()).get("/api/agent/canned").statusCode());
    AdminClient dana = staff(vertx, DANA);
    JsonObject all = ok(dana.get("/api/agent/canned"));
    assertEquals(new JsonArray(List.of("shopper", "agent", "order")), all.getJsonArray("placeholders"));
    assertEquals("there", all.getJsonObject("defaults").getJsonObject("en").getString("shopper"));
    List<JsonObject> replies = all.getJsonArray("replies").stream().map(JsonObject.class::cast).toList();
    Map<String, Set<String>> localesById = replies.stream().collect(Collectors.groupingBy(r -> r.getString("id"),
      Collectors.mapping(r -> r.getString("locale"), Collectors.toSet())));
    for (String id : List.of("greeting", "ask-order", "refund-timeline", "goodbye")) {
      assertEquals(Set.of("en", "zh"), localesById.get(id), id + " in both languages");
    }
    localesById.forEach((id, locales) -> assertEquals(Set.of("en", "zh"), locales, id + " in both languages"));
    Set<String> used = new HashSet<>();
    for (JsonObject r : replies) {
      assertFalse(r.getString("title").isBlank(), r.encode());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(r.getString("text"));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertEquals(Set.of("shopper", "agent", "order"), used, "only the placeholders the console knows, all of them");
    JsonObject greeting = replies.stream().filter(r -> r.getString("id").equals("greeting")
      && r.getString("locale").equals("en")).findFirst().orElseThrow();
    assertTrue(greeting.getString("text").contains("{shopper}") && greeting.getString("text").contains("{agent}"));

    JsonArray chinese = ok(dana.get("/api/agent/canned?locale=zh")).getJsonArray("replies");
    assertEquals(localesById.size(), chinese.size());
    assertTrue(chinese.stream().allMatch(r -> "zh".equals(((JsonObject) r).getString("locale"))));
    HttpResponse<Buffer> bad = dana.get("/api/agent/canned?locale=fr");
    assertEquals(400, bad.statusCode());
    assertEquals("invalid_parameter", bad.bodyAsJsonObject().getJsonObject("error").getString("code"));
    // The admin console's admin (no agent role) may read them too.
    assertEquals(200, staff(vertx, ADMIN).get("/api/agent/canned").statusCode());
  }

  @Test
  @DisplayName("the queue answer says who the agent is: the name shoppers see, presence, whether chats are routed "
    + "to them")
  void whoAmI(Vertx vertx) throws Exception {
    AdminClient dana = staff(vertx, DANA);
    assertEquals(200, dana.post("/api/agent/presence", new JsonObject().put("status", "away")).statusCode());
    JsonObject me = ok(dana.get("/api/agent/queue")).getJsonObject("me");
    assertEquals("Dana", me.getString("name"));
    assertEquals("away", me.getString("presence"));
    assertEquals(DANA, me.getString("email"));
    assertTrue(me.getBoolean("takesChats"));
    JsonObject admin = ok(staff(vertx, ADMIN).get("/api/agent/queue")).getJsonObject("me");
    assertEquals("console-api-admin", admin.getString("name"));
    assertFalse(admin.getBoolean("takesChats"), "an admin without the agent role gets no chats routed");
  }

  @Test
  @DisplayName("the conversation view names the shopper and shows the order number in their words")
  void shopperNameAndEntities(Vertx vertx) throws Exception {
    String conversation;
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      conversation = shopper.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      shopper.say("m-1", "where is my order MT-100002?");
      shopper.awaitMessage("bot");
    }
    AdminClient dana = staff(vertx, DANA);
    JsonObject view = ok(dana.get("/api/agent/conversations/" + conversation));
    assertEquals(null, view.getJsonObject("conversation").getString("shopperName"), "anonymous");
    JsonObject first = view.getJsonArray("messages").getJsonObject(0);
    assertEquals("shopper", first.getString("from"));
    JsonObject order = first.getJsonArray("entities").stream().map(JsonObject.class::cast)
      .filter(e -> "order_id".equals(e.getString("type"))).findFirst().orElseThrow(() -> new AssertionError(first));
    assertEquals("MT-100002", order.getString("value"));
    JsonObject bot = view.getJsonArray("messages").getJsonObject(1);
    assertFalse(bot.containsKey("entities"), "only the shopper's words are read for entities");
    assertTrue(view.getJsonObject("conversation").containsKey("lastOrder"));

    server.count("WITH s AS (INSERT INTO shoppers (id, locale, name)"
      + " VALUES ('console-test-shopper', 'en', 'Ana Lima') RETURNING 1),"
      + " c AS (UPDATE conversations SET shopper_id = 'console-test-shopper' WHERE id = $1 RETURNING 1)"
      + " SELECT (SELECT count(*) FROM s) + (SELECT count(*) FROM c)", conversation);
    JsonObject named = ok(dana.get("/api/agent/conversations/" + conversation)).getJsonObject("conversation");
    assertEquals("Ana Lima", named.getString("shopperName"));
    assertEquals("console-test-shopper", named.getString("shopperId"));
  }

  @Test
  @DisplayName("the console is at /agent/, and /agent sends the browser there")
  void page(Vertx vertx) throws Exception {
    WebClient http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    HttpResponse<Buffer> bare = http.get(server.port(), "127.0.0.1", "/agent").send().await(30, TimeUnit.SECONDS);
    assertEquals(302, bare.statusCode());
    assertEquals("/agent/", bare.getHeader("Location"));
    HttpResponse<Buffer> page = http.get(server.port(), "127.0.0.1", "/agent/").send().await(30, TimeUnit.SECONDS);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("/agent/main.js"), page.bodyAsString());
    assertNotNull(page.getHeader("Content-Type"));
  }
}
