package com.shopchat.handoff;

import static com.shopchat.support.AdminClient.errorCode;
import static com.shopchat.support.AdminClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canned replies edited by admins ({@code /api/admin/canned}) over real HTTP: the shop's first set is stored on the
 * first start only, admins add, change and delete replies, agents read what admins left, and bad input changes
 * nothing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Canned replies edited by admins")
class CannedAdminApiTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "canned-admin@shop.test";
  private static final String AGENT = "canned-agent@shop.test";
  private static final String CANNED = "/api/admin/canned";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static JsonObject agentReply(AdminClient agent, String id, String locale) throws Exception {
    return ok(agent.get("/api/agent/canned?locale=" + locale), 200).getJsonArray("replies").stream()
      .map(JsonObject.class::cast).filter(r -> r.getString("id").equals(id)).findFirst().orElse(null);
  }

  @Test
  @DisplayName("admins add a reply in two languages, change it and delete one; agents read what admins left; a "
    + "restart does not bring a deleted reply back")
  void editAndRead(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    JsonArray seeded = ok(admin.get(CANNED), 200).getJsonArray("replies");
    assertTrue(seeded.size() >= 8, "the shop's first set, from agent/canned.json");
    assertEquals(seeded.size(), server.count("SELECT count(*) FROM canned_replies"));

    JsonObject en = ok(admin.post(CANNED, new JsonObject().put("id", "size-guide").put("locale", "en")
      .put("title", " Size guide ").put("text", "Hi {shopper}, our size guide: <a href=x>sizes</a>")), 201);
    assertEquals("Size guide", en.getString("title"));
    JsonObject zh = ok(admin.post(CANNED, new JsonObject().put("id", "size-guide").put("locale", "zh")
      .put("title", "尺码表").put("text", "{shopper}您好，这是我们的尺码表。")), 201);
    assertEquals(en.getInteger("position"), zh.getInteger("position"), "beside its other language");
    assertEquals("exists", errorCode(admin.post(CANNED, new JsonObject().put("id", "size-guide").put("locale", "en")
      .put("title", "Again").put("text", "again")), 409));
    assertEquals("Hi {shopper}, our size guide: <a href=x>sizes</a>",
      agentReply(agent, "size-guide", "en").getString("text"), "agents read it as stored; the console shows text");

    ok(admin.put(CANNED + "/size-guide/en", new JsonObject().put("title", "Sizes").put("text", "See {order}?")), 200);
    assertEquals("Sizes", agentReply(agent, "size-guide", "en").getString("title"));
    assertEquals(204, admin.send(HttpMethod.DELETE, CANNED + "/greeting/en", null, Map.of()).statusCode());
    assertEquals(null, agentReply(agent, "greeting", "en"));
    assertEquals("not_found", errorCode(admin.send(HttpMethod.DELETE, CANNED + "/greeting/en", null, Map.of()), 404));

    server.stopApp(vertx);
    server.startApp(vertx);
    AdminClient again = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    assertEquals(null, agentReply(again, "greeting", "en"), "seeded once: a deleted reply stays deleted");
    assertEquals("Sizes", agentReply(again, "size-guide", "en").getString("title"));
  }

  @Test
  @DisplayName("bad replies are refused naming the field, and nothing changes; agents may not edit")
  void refusals(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    long before = server.count("SELECT count(*) FROM canned_replies");
    JsonObject good = new JsonObject().put("id", "new-one").put("locale", "en").put("title", "T").put("text", "X");
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("id", "Bad Id!")), 400));
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("locale", "fr")), 400));
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("title", " ")), 400));
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("title", "t".repeat(81))), 400));
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("text", "x".repeat(2001))), 400));
    assertEquals("invalid_field", errorCode(admin.post(CANNED, good.copy().put("text", 42)), 400));
    String typo = errorCode(admin.post(CANNED, good.copy().put("text", "Hi {name}")), 400);
    assertEquals("invalid_field", typo, "a placeholder the console does not fill would reach the shopper");
    assertEquals("unknown_field", errorCode(admin.post(CANNED, good.copy().put("tags", "x")), 400));
    assertEquals("bad_json", errorCode(admin.postText(CANNED, "application/json", "[1,2"), 400));
    assertEquals("not_found", errorCode(admin.put(CANNED + "/no-such/en", new JsonObject().put("title", "T")
      .put("text", "X")), 404));
    assertEquals("not_found", errorCode(admin.put(CANNED + "/greeting/fr", new JsonObject().put("title", "T")
      .put("text", "X")), 404));
    assertEquals("invalid_field", errorCode(admin.put(CANNED + "/ask-order/en", new JsonObject().put("title", "T")), 400));
    assertEquals(before, server.count("SELECT count(*) FROM canned_replies"));
    assertFalse(server.string("SELECT title FROM canned_replies WHERE id = 'ask-order' AND locale = 'en'")
      .equals("T"));

    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    assertEquals("forbidden", errorCode(agent.post(CANNED, good), 403));
    assertEquals("csrf_token_invalid", errorCode(admin.postWithoutCsrf(CANNED, good), 403));
    assertEquals(before, server.count("SELECT count(*) FROM canned_replies"));
  }
}
