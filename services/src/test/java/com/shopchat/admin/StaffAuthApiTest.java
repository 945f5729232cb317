package com.shopchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

@ExtendWith(VertxExtension.class)
@DisplayName("Staff sign-in and the guards of the admin API")
class StaffAuthApiTest {

  static final String ADMIN = "owner@shop.test";
  static final String PASSWORD = "correct horse battery staple";
  private static final String AGENT = "agent@shop.test";
  private static final String THROTTLED = "throttled@shop.test";

  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", "Owner@Shop.test", "ADMIN_PASSWORD", PASSWORD,
      "ADMIN_LOGIN_MAX_ATTEMPTS", "3"));
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher());
    accounts.create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    accounts.create(THROTTLED, PASSWORD, List.of("admin")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static AdminClient client(Vertx vertx) {
    return new AdminClient(vertx, server.port());
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @DisplayName("creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, lower-cased, with a PBKDF2 hash and no demo admin")
  void bootstrapsAdminFromConfig() throws Exception {
    assertEquals(1, server.count("SELECT count(*) FROM staff_users WHERE 'admin' = ANY (roles) AND email = $1", ADMIN));
    String hash = server.string("SELECT password_hash FROM staff_users WHERE email = $1", ADMIN);
    assertTrue(hash.startsWith("$pbkdf2$it=210000$"), hash);
    assertEquals(0, server.count("SELECT count(*) FROM staff_users WHERE email = 'admin@demo.shop'"));
  }

  @Test
  @DisplayName("logs an admin in with a session cookie that is HttpOnly, SameSite=Strict and scoped to /api; /me names them")
  void logsIn(Vertx vertx) throws Exception {
    AdminClient admin = client(vertx);
    HttpResponse<Buffer> login = admin.login("OWNER@shop.test", PASSWORD);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    JsonObject user = login.bodyAsJsonObject().getJsonObject("user");
    assertEquals(ADMIN, user.getString("email"));
    assertEquals(new JsonArray().add("admin"), user.getJsonArray("roles"));
    assertTrue(admin.csrfToken().length() >= 40, admin.csrfToken());
    String cookie = AdminClient.sessionCookieHeader(login);
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/api"), cookie);
    HttpResponse<Buffer> me = admin.get("/api/auth/me");
    assertEquals(200, me.statusCode());
    assertEquals(ADMIN, me.bodyAsJsonObject().getJsonObject("user").getString("email"));
    assertEquals(admin.csrfToken(), me.bodyAsJsonObject().getString("csrfToken"));
  }

  @Test
  @DisplayName("refuses a wrong password and an unknown email alike: 401 invalid_credentials, no session")
  void refusesBadCredentials(Vertx vertx) throws Exception {
    HttpResponse<Buffer> wrong = client(vertx).login(ADMIN, "not the password at all");
    assertError(wrong, 401, "invalid_credentials");
    assertNull(AdminClient.sessionCookieHeader(wrong));
    assertError(client(vertx).login("nobody@shop.test", PASSWORD), 401, "invalid_credentials");
  }

  @Test
  @DisplayName("refuses a login without an email or password with 400, and one that is not JSON with 415")
  void refusesMalformedLogin(Vertx vertx) throws Exception {
    AdminClient admin = client(vertx);
    assertError(admin.postText("/api/auth/login", "application/json", "{\"email\":\"a@b.c\"}"), 400, "missing_field");
    assertError(admin.postText("/api/auth/login", "text/plain", "email=a@b.c"), 415, "unsupported_media_type");
  }

  @Test
  @DisplayName("after logout the session is gone: /me and the admin API answer 401")
  void logsOut(Vertx vertx) throws Exception {
    AdminClient admin = client(vertx).loggedIn(ADMIN, PASSWORD);
    assertEquals(204, admin.post("/api/auth/logout", null).statusCode());
    assertError(admin.get("/api/auth/me"), 401, "unauthorized");
    assertError(admin.get("/api/admin/kb"), 401, "unauthorized");
  }

  @Test
  @DisplayName("answers 401 without a session, and with an unknown or expired session cookie")
  void refusesWithoutSession(Vertx vertx) throws Exception {
    AdminClient anonymous = client(vertx);
    assertError(anonymous.get("/api/admin/kb"), 401, "unauthorized");
    assertError(anonymous.post("/api/admin/kb", new JsonObject()), 401, "unauthorized");
    assertError(anonymous.get("/api/auth/me"), 401, "unauthorized");
    // A session the store no longer holds (reaped after its idle timeout, or never issued) is the same to it.
    anonymous.cookie("shopchat_staff=" + "0123456789abcdef".repeat(4));
    assertError(anonymous.get("/api/admin/kb"), 401, "unauthorized");
  }

  @Test
  @DisplayName("signs an agent in, but refuses them the admin API with 403")
  void agentIsForbidden(Vertx vertx) throws Exception {
    AdminClient agent = client(vertx).loggedIn(AGENT, PASSWORD);
    assertEquals(200, agent.get("/api/auth/me").statusCode());
    assertError(agent.get("/api/admin/kb"), 403, "forbidden");
    assertError(agent.post("/api/admin/kb/kb-en-gift-cards/archive", null), 403, "forbidden");
    assertEquals("published", server.string("SELECT status FROM knowledge_entries WHERE id = 'kb-en-gift-cards'"));
  }

  @Test
  @DisplayName("refuses a write without the CSRF token, or with another session's, with 403 and changes nothing")
  void writesNeedCsrf(Vertx vertx) throws Exception {
    AdminClient admin = client(vertx).loggedIn(ADMIN, PASSWORD);
    long before = server.count("SELECT count(*) FROM knowledge_revisions");
    JsonObject draft = new JsonObject().put("id", "kb-csrf").put("locale", "en").put("title", "t").put("answer", "a");
    assertError(admin.postWithoutCsrf("/api/admin/kb", draft), 403, "csrf_token_invalid");
    assertError(admin.postWithoutCsrf("/api/admin/kb/kb-en-invoices/archive", null), 403, "csrf_token_invalid");
    assertError(admin.postWithoutCsrf("/api/auth/logout", null), 403, "csrf_token_invalid");
    AdminClient other = client(vertx).loggedIn(ADMIN, PASSWORD);
    assertError(admin.withCsrf(other.csrfToken()).post("/api/admin/kb", draft), 403, "csrf_token_invalid");
    assertEquals(0, server.count("SELECT count(*) FROM knowledge_entries WHERE id = 'kb-csrf'"));
    assertEquals("published", server.string("SELECT status FROM knowledge_entries WHERE id = 'kb-en-invoices'"));
    assertEquals(before, server.count("SELECT count(*) FROM knowledge_revisions"));
    assertEquals(200, admin.get("/api/auth/me").statusCode(), "the session survives a refused write");
  }

  @Test
  @DisplayName("after the configured number of failed logins an email is refused with 429, even with the right password")
  void throttlesGuessing(Vertx vertx) throws Exception {
    for (int i = 0; i < 3; i++) {
      assertError(client(vertx).login(THROTTLED, "guess number " + i), 401, "invalid_credentials");
    }
    HttpResponse<Buffer> blocked = client(vertx).login(THROTTLED, PASSWORD);
    assertError(blocked, 429, "too_many_attempts");
    assertTrue(Integer.parseInt(blocked.getHeader("Retry-After")) > 0);
    assertEquals(200, client(vertx).login(ADMIN, PASSWORD).statusCode(), "other emails are not affected");
  }
}
