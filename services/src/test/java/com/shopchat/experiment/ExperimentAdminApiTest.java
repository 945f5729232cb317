package com.shopchat.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.recommend.Strategy;
import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The admin experiments API")
class ExperimentAdminApiTest {

  private static final String EMAIL = "exp-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  private static final String BASE = "/api/admin/experiments";

  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD));
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** Only one experiment may run: each test starts from none running. */
  @BeforeEach
  void noneRunning() throws Exception {
    String running = server.string("SELECT id FROM experiments WHERE status = 'running'");
    if (running != null) {
      ok(admin.post(BASE + "/" + running + "/stop", null), 200);
    }
  }

  static JsonObject variant(String name, String strategy, boolean cards, int weight) {
    return new JsonObject().put("name", name).put("strategy", strategy).put("cardsEnabled", cards)
      .put("weight", weight);
  }

  static JsonObject definition(String name, JsonObject... variants) {
    return new JsonObject().put("name", name).put("metric", "conversion").put("windowHours", 24)
      .put("variants", new JsonArray(java.util.List.of((Object[]) variants)));
  }

  static JsonObject abTest(String name) {
    return definition(name, variant("A", "hybrid", true, 50), variant("B", "popularity", true, 50));
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"), response.bodyAsString());
  }

  private static Assignment assign(String visitor) throws Exception {
    return server.app().experiments().assign(visitor).await(5, TimeUnit.SECONDS);
  }

  private static String created(JsonObject body) throws Exception {
    return ok(admin.post(BASE, body), 201).getString("id");
  }

  @Test
  @DisplayName("creates a draft with its variants in order, lists it, and reads it back with empty results")
  void createsDraft() throws Exception {
    JsonObject created = ok(admin.post(BASE, definition("Cards on or off",
      variant("control", "hybrid", true, 70), variant("no cards", "hybrid", false, 30))), 201);
    String id = created.getString("id");
    assertEquals("draft", created.getString("status"));
    assertEquals(24, created.getInteger("windowHours"));
    assertEquals("no cards", created.getJsonArray("variants").getJsonObject(1).getString("name"));
    assertFalse(created.getJsonArray("variants").getJsonObject(1).getBoolean("cardsEnabled"));
    assertEquals(30, created.getJsonArray("variants").getJsonObject(1).getInteger("weight"));

    JsonObject list = ok(admin.get(BASE), 200);
    assertTrue(list.getJsonArray("experiments").stream().anyMatch(e -> ((JsonObject) e).getString("id").equals(id)));
    assertTrue(list.getJsonObject("settings").containsKey("strategy"));

    JsonObject read = ok(admin.get(BASE + "/" + id), 200);
    JsonArray results = read.getJsonObject("results").getJsonArray("variants");
    assertEquals(2, results.size());
    assertEquals(0L, results.getJsonObject(0).getLong("impressions"));
    assertTrue(results.getJsonObject(0).getBoolean("control"));
    assertNull(read.getJsonObject("results").getString("leader"));
    assertError(admin.get(BASE + "/exp-nothere"), 404, "not_found");
  }

  @Test
  @DisplayName("a bad definition is a 400 naming the problem, and nothing is stored")
  void rejectsBadDefinitions() throws Exception {
    long before = server.count("SELECT count(*) FROM experiments");
    long variantsBefore = server.count("SELECT count(*) FROM experiment_variants");
    JsonObject[] bad = {
      definition("One variant", variant("A", "hybrid", true, 100)),
      definition("Same names", variant("A", "hybrid", true, 50), variant("A", "content", true, 50)),
      definition("Unknown strategy", variant("A", "hybrid", true, 50), variant("B", "random", true, 50)),
      definition("Over 100", variant("A", "hybrid", true, 60), variant("B", "content", true, 60)),
      definition("Zero weight", variant("A", "hybrid", true, 100), variant("B", "content", true, 0)),
      definition("Fraction", variant("A", "hybrid", true, 50), variant("B", "content", true, 50).put("weight", 49.5)),
      definition("x".repeat(101), variant("A", "hybrid", true, 50), variant("B", "content", true, 50)),
      definition(" ", variant("A", "hybrid", true, 50), variant("B", "content", true, 50)),
      abTest("No window").put("windowHours", 0),
      abTest("Long window").put("windowHours", 721),
      abTest("Bad metric").put("metric", "revenue"),
      abTest("Cards as text").put("variants", new JsonArray().add(variant("A", "hybrid", true, 50))
        .add(variant("B", "hybrid", true, 50).put("cardsEnabled", "yes"))),
      abTest("Not a list").put("variants", "A,B"),
    };
    for (JsonObject body : bad) {
      assertError(admin.post(BASE, body), 400, "invalid_field");
    }
    assertError(admin.postText(BASE, "application/json", "{not json"), 400, "bad_json");
    assertEquals(before, server.count("SELECT count(*) FROM experiments"));
    assertEquals(variantsBefore, server.count("SELECT count(*) FROM experiment_variants"));
  }

  @Test
  @DisplayName("starting while another runs is a 409 and changes nothing; so is starting one that is not a draft")
  void oneRunningAtATime() throws Exception {
    String first = created(abTest("First"));
    String second = created(abTest("Second"));
    assertEquals("running", ok(admin.post(BASE + "/" + first + "/start", null), 200).getString("status"));
    assertError(admin.post(BASE + "/" + second + "/start", null), 409, "another_running");
    assertEquals("draft", server.string("SELECT status FROM experiments WHERE id = $1", second));
    assertEquals(first, assign("someone").experimentId());
    assertError(admin.post(BASE + "/" + first + "/start", null), 409, "not_draft");
    assertError(admin.post(BASE + "/exp-nothere/start", null), 404, "not_found");

    ok(admin.post(BASE + "/" + first + "/stop", null), 200);
    assertError(admin.post(BASE + "/" + first + "/start", null), 409, "not_draft");
    assertError(admin.post(BASE + "/" + first + "/stop", null), 409, "not_running");
    assertEquals("running", ok(admin.post(BASE + "/" + second + "/start", null), 200).getString("status"));
  }

  @Test
  @DisplayName("writes need the CSRF token and the API needs a staff session")
  void guarded(Vertx vertx) throws Exception {
    long before = server.count("SELECT count(*) FROM experiments");
    assertEquals(403, admin.postWithoutCsrf(BASE, abTest("No token")).statusCode());
    HttpResponse<Buffer> anonymous = WebClient.create(vertx).get(server.port(), "127.0.0.1", BASE).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(401, anonymous.statusCode());
    assertEquals(before, server.count("SELECT count(*) FROM experiments"));
  }

  @Test
  @DisplayName("stopping with an unknown winner is a 400 and it keeps running; with a known one its settings are rolled out")
  void stopAndRollOut() throws Exception {
    String id = created(definition("Content without cards",
      variant("A", "hybrid", true, 50), variant("B", "content", false, 50)));
    ok(admin.post(BASE + "/" + id + "/start", null), 200);
    assertEquals(id, assign("visitor-rollout").experimentId());

    assertError(admin.post(BASE + "/" + id + "/stop", new JsonObject().put("winner", "Z")), 400, "unknown_variant");
    assertError(admin.post(BASE + "/" + id + "/stop", new JsonObject().put("winner", 7)), 400, "invalid_field");
    assertEquals("running", server.string("SELECT status FROM experiments WHERE id = $1", id));
    assertEquals(id, assign("visitor-rollout").experimentId());

    JsonObject stopped = ok(admin.post(BASE + "/" + id + "/stop", new JsonObject().put("winner", "B")), 200);
    assertEquals("stopped", stopped.getString("status"));
    assertEquals("B", stopped.getString("winner"));
    for (String visitor : new String[] {"visitor-rollout", "visitor-2", "visitor-3"}) {
      Assignment assignment = assign(visitor);
      assertNull(assignment.experimentId());
      assertNull(assignment.variant());
      assertEquals(Strategy.CONTENT, assignment.strategy());
      assertFalse(assignment.cardsEnabled());
    }
    JsonObject settings = ok(admin.get(BASE), 200).getJsonObject("settings");
    assertEquals("content", settings.getString("strategy"));
    assertFalse(settings.getBoolean("cardsEnabled"));
    assertEquals(id, settings.getString("experimentId"));
  }

  @Test
  @DisplayName("a visitor keeps their variant across calls and across a server restart")
  void stickyAcrossRestart(Vertx vertx) throws Exception {
    String id = created(definition("Sticky", variant("A", "hybrid", true, 50), variant("B", "popularity", false, 50)));
    ok(admin.post(BASE + "/" + id + "/start", null), 200);
    Map<String, String> before = new java.util.HashMap<>();
    for (int i = 0; i < 200; i++) {
      Assignment first = assign("sticky-" + i);
      assertEquals(id, first.experimentId());
      assertEquals(first, assign("sticky-" + i), "the same answer on the next call");
      before.put("sticky-" + i, first.variant());
    }
    assertTrue(before.containsValue("A") && before.containsValue("B"), "both variants get visitors");

    server.stopApp(vertx);
    server.startApp(vertx);
    admin = new AdminClient(vertx, server.port()).loggedIn(EMAIL, PASSWORD);
    for (var entry : before.entrySet()) {
      Assignment after = assign(entry.getKey());
      assertEquals(id, after.experimentId());
      assertEquals(entry.getValue(), after.variant(), entry.getKey());
      assertEquals(entry.getValue().equals("A") ? Strategy.HYBRID : Strategy.POPULARITY, after.strategy());
    }
  }

  @Test
  @DisplayName("the public OpenAPI document describes the experiments endpoints")
  void describedInOpenApi() throws Exception {
    JsonObject paths = ok(admin.get("/api/admin/openapi.json"), 200).getJsonObject("paths");
    for (String path : new String[] {BASE, BASE + "/{id}", BASE + "/{id}/start", BASE + "/{id}/stop"}) {
      assertTrue(paths.containsKey(path), path);
    }
  }
}
