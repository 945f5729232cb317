package com.shopchat.learning;

import static com.shopchat.support.AdminClient.errorCode;
import static com.shopchat.support.AdminClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.SharedIntentFixture;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop over real HTTP and websockets with the tiny fixture model: unsure turns queued in the NLU
 * inbox, reviewed by an admin, a retrain in the background evaluated against the serving model, a promotion swapped
 * in while requests run through the micro-batcher, a rollback, a restart serving the promoted model, and knowledge
 * gaps turned into a draft entry. Ordered: each step works on what the one before left.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The NLU learning loop")
class LearningLoopTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "learning-admin@shop.test";
  private static final String BASE = "/api/admin/learning";
  /** Words the fixture model never saw: some of them it reads with low confidence. */
  private static final List<String> STRANGE = List.of("zorbly quantum marmalade", "flibber the gnostic accordion",
    "purple elephants yodel sideways", "vintage barometer calibration", "orbital kumquat harmonics",
    "sprocket tambourine nebula", "glimmering oboe lattice");

  @TempDir
  static Path modelDir;
  @TempDir
  static Path modelsDir;
  private static TestServer server;
  private static WebClient web;
  private static String firstVersion;
  private static String candidate;
  private static final List<String> queued = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    SharedIntentFixture.model().save(modelDir);
    List<LabeledText> data = SharedIntentFixture.data();
    StringBuilder train = new StringBuilder();
    StringBuilder heldout = new StringBuilder();
    for (int i = 0; i < data.size(); i++) {
      String line = new JsonObject().put("text", data.get(i).text()).put("intent", data.get(i).intent()).encode() + "\n";
      (i % 4 == 0 ? heldout : train).append(line);
    }
    Files.writeString(modelDir.resolve("train.jsonl"), train);
    Files.writeString(modelDir.resolve("heldout.jsonl"), heldout);
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD,
      "NLU_MODEL_DIR", modelDir.toString(), "NLU_MODELS_DIR", modelsDir.toString(), "NLU_RETRAIN_EPOCHS", "2",
      "NLU_RETRAIN_SAMPLE", "60"));
    web = WebClient.create(vertx);
    firstVersion = server.app().servingModel().modelVersion();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    web.close();
    server.stop(vertx);
  }

  private static AdminClient admin(Vertx vertx) throws Exception {
    return new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
  }

  private static JsonObject parse(String text) throws Exception {
    HttpResponse<Buffer> response = web.post(server.port(), "localhost", "/api/nlu/parse")
      .sendJsonObject(new JsonObject().put("text", text).put("locale", "en")).await(30, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void eventually(Vertx vertx, long seconds, String what, Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      vertx.timer(50).await(1, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  @DisplayName("Messages the model reads with low confidence are queued with its ranking and why; a confident one and "
    + "a resend are not queued (again)")
  void unsureTurnsAreQueued(Vertx vertx) throws Exception {
    for (String text : STRANGE) {
      if (parse(text).getJsonObject("intent").getFloat("confidence") < InboxCapture.LOW_CONFIDENCE) {
        queued.add(text);
      }
    }
    assertFalse(queued.isEmpty(), "some strange words read with low confidence");
    assertTrue(parse("cancel my order").getJsonObject("intent").getFloat("confidence") >= InboxCapture.LOW_CONFIDENCE);
    try (ChatClient chat = ChatClient.connect(vertx, server.port())) {
      chat.hello("learning-visitor-1", null, null, "en");
      chat.say("c-sure", "cancel my order").awaitMessage("bot");
      for (int i = 0; i < queued.size(); i++) {
        chat.say("c-" + i, queued.get(i)).awaitMessage("bot");
      }
      chat.say("c-0", queued.get(0));
      eventually(vertx, 10, "every unsure message queued",
        () -> server.count("SELECT count(*) FROM nlu_inbox") == queued.size());
      // Tapping a "did you mean" button after the last one: the tapped intent is kept with it for the reviewer.
      chat.send(new JsonObject().put("type", "message").put("clientMsgId", "c-tap").put("text", "Refund")
        .put("payload", "/intent:get_refund")).awaitMessage("bot");
      eventually(vertx, 10, "the tapped intent kept", () -> "get_refund".equals(server.string(
        "SELECT chosen_intent FROM nlu_inbox WHERE text = $1", queued.get(queued.size() - 1))));
    }
    JsonObject inbox = ok(admin(vertx).get(BASE + "/inbox"), 200);
    assertEquals(queued.size(), inbox.getLong("pending"));
    JsonObject first = inbox.getJsonArray("items").getJsonObject(0);
    assertEquals(queued.get(0), first.getString("text"));
    assertTrue(first.getJsonArray("reasons").contains(InboxCapture.LOW), first.encode());
    assertEquals(5, first.getJsonArray("ranking").size());
    assertEquals(firstVersion, first.getString("modelVersion"));
    assertTrue(inbox.getJsonArray("intents").contains("oos") && inbox.getJsonArray("intents").contains("get_refund"));
    assertEquals(0, server.count("SELECT count(*) FROM nlu_inbox WHERE text = 'cancel my order'"));
    assertEquals(0, server.count("SELECT count(*) FROM nlu_inbox WHERE text = 'Refund'"), "a tap is no phrasing");
  }

  @Test
  @Order(2)
  @DisplayName("An admin confirms or corrects an item's intent; bad reviews are refused and change nothing; the "
    + "reviewed examples export as JSON Lines of text and intent")
  void reviewAndExport(Vertx vertx) throws Exception {
    AdminClient admin = admin(vertx);
    JsonArray items = ok(admin.get(BASE + "/inbox"), 200).getJsonArray("items");
    long id = items.getJsonObject(0).getLong("id");
    String review = BASE + "/inbox/" + id + "/review";
    assertEquals("invalid_field", errorCode(admin.post(review, new JsonObject().put("intent", "no_such_intent")), 400));
    assertEquals("invalid_field", errorCode(admin.post(review, new JsonObject().put("intent", 7)), 400));
    assertEquals("unknown_field", errorCode(admin.post(review, new JsonObject().put("intent", "get_refund")
      .put("why", "x")), 400));
    assertEquals("bad_json", errorCode(admin.postText(review, "application/json", "{nope"), 400));
    assertEquals("not_found", errorCode(admin.post(BASE + "/inbox/abc/review",
      new JsonObject().put("intent", "get_refund")), 404));
    assertEquals("not_found", errorCode(admin.post(BASE + "/inbox/999999/review",
      new JsonObject().put("intent", "get_refund")), 404));
    assertEquals(403, admin.postWithoutCsrf(review, new JsonObject().put("intent", "get_refund")).statusCode());
    assertEquals("invalid_field", errorCode(admin.get(BASE + "/inbox?status=maybe"), 400));
    assertEquals("invalid_field", errorCode(admin.get(BASE + "/inbox?limit=0"), 400));
    assertEquals(0, server.count("SELECT count(*) FROM nlu_inbox WHERE status = 'reviewed'"));

    // Every item reviewed: the first as a refund question, the rest out of scope.
    JsonObject reviewed = ok(admin.post(review, new JsonObject().put("intent", "get_refund")), 200);
    assertEquals("reviewed", reviewed.getString("status"));
    assertEquals("get_refund", reviewed.getString("reviewedIntent"));
    for (int i = 1; i < items.size(); i++) {
      ok(admin.post(BASE + "/inbox/" + items.getJsonObject(i).getLong("id") + "/review",
        new JsonObject().put("intent", "oos")), 200);
    }
    assertEquals(0, ok(admin.get(BASE + "/inbox"), 200).getLong("pending"));
    assertEquals(items.size(), ok(admin.get(BASE + "/inbox?status=reviewed"), 200).getJsonArray("items").size());

    HttpResponse<Buffer> corpus = admin.get(BASE + "/corpus");
    assertEquals(200, corpus.statusCode());
    String[] lines = corpus.bodyAsString().split("\n");
    assertEquals(items.size(), lines.length);
    assertEquals(new JsonObject().put("text", items.getJsonObject(0).getString("text")).put("intent", "get_refund"),
      new JsonObject(lines[0]));
  }

  @Test
  @Order(3)
  @DisplayName("A retrain runs in the background with epoch and loss shown, one at a time, and stores a candidate "
    + "scored next to the serving model on the same held-out set")
  void retrain(Vertx vertx) throws Exception {
    AdminClient admin = admin(vertx);
    HttpResponse<Buffer> started = admin.post(BASE + "/retrain", null);
    assertEquals(202, started.statusCode(), started.bodyAsString());
    assertEquals("retrain_running", errorCode(admin.post(BASE + "/retrain", null), 409));
    Set<String> states = new HashSet<>();
    JsonObject[] last = new JsonObject[1];
    eventually(vertx, 120, "the retrain finishes", () -> {
      last[0] = ok(admin.get(BASE + "/retrain"), 200);
      states.add(last[0].getString("state"));
      return Set.of("done", "failed").contains(last[0].getString("state"));
    });
    JsonObject status = last[0];
    assertEquals("done", status.getString("state"), status.encode());
    assertEquals(2, status.getInteger("epoch"));
    assertEquals(2, status.getInteger("epochs"));
    assertTrue(status.getDouble("loss") > 0, status.encode());
    candidate = status.getString("candidate");
    assertNotNull(candidate);
    assertNotEquals(firstVersion, candidate);
    assertEquals(firstVersion, status.getString("serving"), "not promoted by itself (NLU_AUTO_PROMOTE is off)");
    assertTrue(Files.isDirectory(modelsDir.resolve(candidate)));

    JsonArray models = ok(admin.get(BASE + "/models"), 200).getJsonArray("models");
    JsonObject stored = models.stream().map(JsonObject.class::cast)
      .filter(m -> m.getString("version").equals(candidate)).findFirst().orElseThrow();
    assertEquals("candidate", stored.getString("status"));
    assertEquals(firstVersion, stored.getString("parent"));
    JsonObject metrics = stored.getJsonObject("metrics");
    for (String side : List.of("candidate", "serving")) {
      for (String metric : List.of("accuracy", "macroF1")) {
        double value = metrics.getJsonObject(side).getDouble(metric);
        assertTrue(value >= 0 && value <= 1, side + " " + metric + ": " + value);
      }
      assertEquals(metrics.getInteger("heldoutExamples"), metrics.getJsonObject(side).getInteger("count"));
    }
    assertTrue(metrics.getInteger("reviewedExamples") >= 1, metrics.encode());
    // Fine-tuning starts from the serving weights: two short epochs keep what the model knew.
    assertTrue(metrics.getJsonObject("candidate").getDouble("accuracy")
      >= metrics.getJsonObject("serving").getDouble("accuracy") - 0.1, metrics.encode());
    assertEquals("serving", models.stream().map(JsonObject.class::cast)
      .filter(m -> m.getString("version").equals(firstVersion)).findFirst().orElseThrow().getString("status"));
  }

  @Test
  @Order(4)
  @DisplayName("Promoting the candidate while 300 requests run through the micro-batcher: every one is answered, by "
    + "the old model or the new, and the next chat turn records the new version")
  void promoteUnderLoad(Vertx vertx) throws Exception {
    AdminClient admin = admin(vertx);
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      requests.add(parsing("where is my order " + i));
    }
    HttpResponse<Buffer> promoted = admin.post(BASE + "/models/" + candidate + "/promote", null);
    for (int i = 0; i < 150; i++) {
      requests.add(parsing("refund my payment " + i));
    }
    assertEquals(200, promoted.statusCode(), promoted.bodyAsString());
    assertEquals("serving", promoted.bodyAsJsonObject().getString("status"));
    Set<String> versions = new HashSet<>();
    for (Future<HttpResponse<Buffer>> request : requests) {
      HttpResponse<Buffer> response = request.await(60, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      versions.add(response.bodyAsJsonObject().getString("modelVersion"));
    }
    assertTrue(Set.of(firstVersion, candidate).containsAll(versions), versions.toString());
    assertEquals(candidate, parse("hello").getString("modelVersion"));
    assertEquals("already_serving", errorCode(admin.post(BASE + "/models/" + candidate + "/promote", null), 409));
    assertEquals("not_found", errorCode(admin.post(BASE + "/models/nope/promote", null), 404));

    try (ChatClient chat = ChatClient.connect(vertx, server.port())) {
      chat.hello("learning-visitor-2", null, null, "en");
      chat.say("p-1", "track my package please").awaitMessage("bot");
    }
    assertEquals(candidate, server.string("SELECT m.nlu_model_version FROM messages m JOIN conversations c "
      + "ON c.id = m.conversation_id WHERE c.visitor_id = 'learning-visitor-2' AND m.sender = 'bot'"));
  }

  private static Future<HttpResponse<Buffer>> parsing(String text) {
    return web.post(server.port(), "localhost", "/api/nlu/parse")
      .sendJsonObject(new JsonObject().put("text", text).put("locale", "en"));
  }

  @Test
  @Order(5)
  @DisplayName("A restart serves the promoted model; a rollback serves the one before again, and the next request "
    + "reads it")
  void restartAndRollback(Vertx vertx) throws Exception {
    server.stopApp(vertx);
    server.startApp(vertx);
    assertEquals(candidate, parse("hello").getString("modelVersion"));
    AdminClient admin = admin(vertx);
    JsonObject back = ok(admin.post(BASE + "/rollback", null), 200);
    assertEquals(firstVersion, back.getString("version"));
    assertEquals(firstVersion, parse("hello").getString("modelVersion"));
    assertEquals("retired", server.string("SELECT status FROM nlu_models WHERE version = $1", candidate));
    assertEquals(1, server.count("SELECT count(*) FROM nlu_models WHERE status = 'serving'"));
  }

  @Test
  @Order(6)
  @DisplayName("Unanswered questions are clustered at GET /api/admin/learning/gaps; a cluster becomes a draft "
    + "knowledge entry with the shoppers' phrasings as questions, once; bad drafts are refused")
  void knowledgeGaps(Vertx vertx) throws Exception {
    AdminClient admin = admin(vertx);
    JsonArray clusters = ok(admin.get(BASE + "/gaps"), 200).getJsonArray("clusters");
    assertFalse(clusters.isEmpty(), "the out-of-scope reviews left unanswered questions");
    JsonObject cluster = clusters.getJsonObject(0);
    JsonArray ids = new JsonArray();
    cluster.getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getLong("id")));
    String draft = BASE + "/gaps/draft";
    assertEquals("invalid_field", errorCode(admin.post(draft, new JsonObject().put("items", "1").put("answer", "A")), 400));
    assertEquals("invalid_field", errorCode(admin.post(draft, new JsonObject().put("items", ids)), 400));
    assertEquals("unknown_field", errorCode(admin.post(draft, new JsonObject().put("items", ids).put("answer", "A")
      .put("status", "published")), 400));
    assertEquals(0, server.count("SELECT count(*) FROM nlu_inbox WHERE gap_entry_id IS NOT NULL"));

    JsonObject entry = ok(admin.post(draft, new JsonObject().put("items", ids)
      .put("answer", "We do not sell that; our catalog is clothing.")), 201);
    assertEquals("draft", entry.getString("status"));
    assertEquals(1, entry.getInteger("revision"));
    assertEquals(cluster.getJsonArray("questions"), entry.getJsonArray("questions"));
    assertEquals(1, server.count("SELECT count(*) FROM knowledge_revisions WHERE entry_id = $1",
      entry.getString("id")));
    assertEquals("gap_taken", errorCode(admin.post(draft, new JsonObject().put("items", ids).put("answer", "A")), 409));
    assertFalse(ok(admin.get(BASE + "/gaps"), 200).getJsonArray("clusters").stream().map(JsonObject.class::cast)
      .anyMatch(c -> c.getJsonArray("items").stream().anyMatch(i -> ids.contains(((JsonObject) i).getLong("id")))));
  }

  @Test
  @Order(7)
  @DisplayName("The public OpenAPI document describes every learning route")
  void describedInOpenApi(Vertx vertx) throws Exception {
    JsonObject paths = ok(new AdminClient(vertx, server.port()).get("/api/admin/openapi.json"), 200)
      .getJsonObject("paths");
    for (String path : List.of("/inbox", "/inbox/{id}/review", "/corpus", "/retrain", "/models",
      "/models/{version}/promote", "/rollback", "/gaps", "/gaps/draft")) {
      assertTrue(paths.containsKey(BASE + path), path);
    }
  }

  @Test
  @Order(8)
  @DisplayName("Bad bodies and names on every learning write, with a model serving: refused in the error shape, below "
    + "500, and nothing stored, promoted or drafted")
  void badInputChangesNothing(Vertx vertx) throws Exception {
    AdminClient admin = admin(vertx);
    long id = server.count("SELECT min(id) FROM nlu_inbox");
    String state = "SELECT (SELECT count(*) FROM nlu_inbox WHERE status = 'reviewed') * 1000000 "
      + "+ (SELECT count(*) FROM nlu_models) * 10000 + (SELECT count(*) FROM knowledge_entries) * 10 "
      + "+ (SELECT count(*) FROM nlu_inbox WHERE gap_entry_id IS NOT NULL)";
    long before = server.count(state);
    String serving = server.app().servingModel().modelVersion();
    String review = BASE + "/inbox/" + id + "/review";
    String draft = BASE + "/gaps/draft";
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (String body : List.of("[]", "null", "1", "{\"intent\": null}", "{\"intent\": [\"oos\"]}",
      "{\"intent\": \"oos\\u0000\"}", "{\"intent\": \"" + "x".repeat(20_000) + "\"}")) {
      answers.add(admin.postText(review, "application/json", body));
    }
    answers.add(admin.postText(review, "text/plain", "oos"));
    for (JsonObject body : List.of(new JsonObject().put("items", new JsonArray().add(1.5)).put("answer", "A"),
      new JsonObject().put("items", new JsonArray().add(-1)).put("answer", "A"),
      new JsonObject().put("items", new JsonArray().add("1")).put("answer", "A"),
      new JsonObject().put("items", new JsonArray(java.util.Collections.nCopies(51, 1))).put("answer", "A"),
      new JsonObject().put("items", new JsonArray().add(id)).put("answer", "A").put("title", 5),
      new JsonObject().put("items", new JsonArray().add(id)).put("answer", "  "),
      new JsonObject().put("items", new JsonArray().add(id)).put("answer", "A").put("title", "t".repeat(500)))) {
      answers.add(admin.post(draft, body));
    }
    for (String version : List.of("' OR 1=1 --", "../../etc", "\u0000", "x".repeat(300))) {
      answers.add(admin.post(BASE + "/models/" + java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20") + "/promote", null));
    }
    answers.add(admin.get(BASE + "/gaps?limit=9999"));
    answers.add(admin.get(BASE + "/inbox?limit=1&limit=2"));
    for (HttpResponse<Buffer> answer : answers) {
      assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.statusCode() + " "
        + answer.bodyAsString());
      JsonObject error = answer.bodyAsJsonObject().getJsonObject("error");
      assertTrue(error.getValue("code") instanceof String && error.getValue("message") instanceof String,
        answer.bodyAsString());
    }
    assertEquals(before, server.count(state));
    assertEquals(serving, server.app().servingModel().modelVersion());
  }
}
