package com.shopchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.kb.KnowledgeHit;
import com.shopchat.support.AdminClient;
import com.shopchat.support.Shopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The admin knowledge-base API")
class KnowledgeAdminApiTest {

  private static final String EMAIL = "kb-admin@shop.test";
  private static final String PASSWORD = "a long enough admin password";
  /** How long a published change may take to reach shoppers' search. */
  private static final Duration NRT_BOUND = Duration.ofSeconds(5);

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

  private static JsonObject draft(String id, String title, String question, String answer) {
    return new JsonObject().put("id", id).put("locale", "en").put("title", title)
      .put("questions", new JsonArray().add(question)).put("answer", answer)
      .put("tags", new JsonArray().add("store")).put("category", "stores");
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  private static List<KnowledgeHit> search(String text) throws Exception {
    return server.app().knowledge().search(text, "en", 3).await(10, TimeUnit.SECONDS);
  }

  /** Searches until the top hit satisfies {@code wanted} or the bound passes; returns the last result. */
  private static List<KnowledgeHit> searchUntil(Vertx vertx, String text, Predicate<List<KnowledgeHit>> wanted)
    throws Exception {
    long deadline = System.nanoTime() + NRT_BOUND.toNanos();
    List<KnowledgeHit> hits = search(text);
    while (!wanted.test(hits) && System.nanoTime() < deadline) {
      vertx.timer(50).await(1, TimeUnit.SECONDS);
      hits = search(text);
    }
    return hits;
  }

  private static Predicate<List<KnowledgeHit>> topIs(String id, String answer) {
    return hits -> !hits.isEmpty() && hits.get(0).entry().id().equals(id) && hits.get(0).entry().answer().equals(answer);
  }

  private static Predicate<List<KnowledgeHit>> absent(String id) {
    return hits -> hits.stream().noneMatch(h -> h.entry().id().equals(id));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @DisplayName("a draft is not searchable; once published it is within the bound, and the bot answers it over the websocket")
  void publishMakesSearchable(Vertx vertx) throws Exception {
    String id = "kb-en-llama-" + unique();
    String question = "may I bring my pet llama into the flagship store";
    String answer = "Llamas are welcome at our flagship store on Sundays, on a lead.";
    JsonObject created = ok(admin.post("/api/admin/kb", draft(id, "Llamas in the store", question, answer)), 201);
    assertEquals("draft", created.getString("status"));
    assertEquals(1, created.getInteger("revision"));
    assertTrue(absent(id).test(search(question)), "a draft is not searchable");

    JsonObject published = ok(admin.post("/api/admin/kb/" + id + "/publish", null), 200);
    assertEquals("published", published.getString("status"));
    assertEquals(2, published.getInteger("revision"));
    assertTrue(topIs(id, answer).test(searchUntil(vertx, question, topIs(id, answer))));
    assertEquals(answer, server.app().knowledge().entry(id).await(1, TimeUnit.SECONDS).answer());

    try (Shopper shopper = Shopper.connect(vertx, server.port(), "v-" + unique(), null, "en")) {
      JsonObject reply = shopper.says("May I bring my pet llama into the flagship store?");
      assertEquals(id, reply.getJsonArray("sources").getJsonObject(0).getString("id"), reply.encode());
      assertTrue(reply.getString("text").contains("Llamas are welcome"), reply.getString("text"));
    }
  }

  @Test
  @DisplayName("an update is a new revision and a published entry answers with the new text; rollback brings the old back")
  void updateAndRollback(Vertx vertx) throws Exception {
    String id = "kb-en-parking-" + unique();
    String question = "is there free parking for customers at the warehouse outlet";
    String before = "The warehouse outlet has forty free parking spaces.";
    String after = "The warehouse outlet has sixty free parking spaces since May.";
    ok(admin.post("/api/admin/kb", draft(id, "Parking at the outlet", question, before)), 201);
    ok(admin.post("/api/admin/kb/" + id + "/publish", null), 200);
    JsonObject updated = ok(admin.put("/api/admin/kb/" + id, draft(id, "Parking at the outlet", question, after)), 200);
    assertEquals("published", updated.getString("status"), "editing a published entry keeps it published");
    assertEquals(3, updated.getInteger("revision"));
    assertTrue(topIs(id, after).test(searchUntil(vertx, question, topIs(id, after))));

    JsonObject history = ok(admin.get("/api/admin/kb/" + id), 200);
    JsonArray revisions = history.getJsonArray("revisions");
    assertEquals(List.of("update", "publish", "create"),
      revisions.stream().map(r -> ((JsonObject) r).getString("action")).toList());
    assertEquals(before, revisions.getJsonObject(2).getJsonObject("fields").getString("answer"));
    assertEquals(EMAIL, revisions.getJsonObject(0).getString("by"));

    JsonObject rolledBack = ok(admin.post("/api/admin/kb/" + id + "/rollback", new JsonObject().put("revision", 1)), 200);
    assertEquals(before, rolledBack.getString("answer"));
    assertEquals(4, rolledBack.getInteger("revision"));
    assertEquals("published", rolledBack.getString("status"));
    assertTrue(topIs(id, before).test(searchUntil(vertx, question, topIs(id, before))), "rollback restores the old answer");
    assertEquals("rollback", server.string(
      "SELECT action FROM knowledge_revisions WHERE entry_id = $1 AND revision = 4", id));
    assertError(admin.post("/api/admin/kb/" + id + "/rollback", new JsonObject().put("revision", 99)), 404,
      "no_such_revision");
  }

  @Test
  @DisplayName("archiving takes an entry out of shoppers' search and out of the published entries")
  void archiveRemoves(Vertx vertx) throws Exception {
    String question = "how do i get a tax free shopping form for tourists";
    String id = "kb-en-taxfree-" + unique();
    String answer = "Ask at the till for a tax free form; bring your passport.";
    ok(admin.post("/api/admin/kb", draft(id, "Tax free shopping", question, answer)), 201);
    ok(admin.post("/api/admin/kb/" + id + "/publish", null), 200);
    assertTrue(topIs(id, answer).test(searchUntil(vertx, question, topIs(id, answer))));

    JsonObject archived = ok(admin.post("/api/admin/kb/" + id + "/archive", null), 200);
    assertEquals("archived", archived.getString("status"));
    assertTrue(absent(id).test(searchUntil(vertx, question, absent(id))), "archived entries are not searchable");
    assertNull(server.app().knowledge().entry(id).await(1, TimeUnit.SECONDS));
    JsonObject again = ok(admin.post("/api/admin/kb/" + id + "/archive", null), 200);
    assertEquals(archived.getInteger("revision"), again.getInteger("revision"), "archiving twice adds no revision");
  }

  @Test
  @DisplayName("preview ranks a draft against the published entries and says whether the bot would answer with it")
  void previewsDraft() throws Exception {
    String id = "kb-en-umbrella-" + unique();
    ok(admin.post("/api/admin/kb", draft(id, "Umbrella loans", "can i borrow an umbrella when it rains",
      "We lend umbrellas at every store; bring it back on your next visit.")), 201);
    JsonObject preview = ok(admin.post("/api/admin/kb/" + id + "/preview",
      new JsonObject().put("question", "can I borrow an umbrella when it rains?")), 200);
    assertEquals(1, preview.getInteger("rank"), preview.encode());
    assertTrue(preview.getBoolean("wouldAnswer"), preview.encode());
    assertTrue(preview.getString("answer").startsWith("We lend umbrellas"));
    JsonObject elsewhere = ok(admin.post("/api/admin/kb/" + id + "/preview",
      new JsonObject().put("question", "how long does delivery take")), 200);
    assertFalse(elsewhere.getBoolean("wouldAnswer"), elsewhere.encode());
    assertEquals("kb-en-delivery-time", elsewhere.getJsonArray("ranking").getJsonObject(0).getString("id"));
    assertTrue(absent(id).test(search("can I borrow an umbrella when it rains?")), "preview publishes nothing");
    assertEquals("draft", server.string("SELECT status FROM knowledge_entries WHERE id = $1", id));
  }

  @Test
  @DisplayName("lists entries by text, status, locale and tag, a page at a time, with the total")
  void listsWithFilters() throws Exception {
    String tag = "tag-" + unique();
    for (int i = 0; i < 3; i++) {
      ok(admin.post("/api/admin/kb", draft("kb-en-list-" + tag + "-" + i, "Listed " + i, "q", "a").put("tags",
        new JsonArray().add(tag))), 201);
    }
    JsonObject page = ok(admin.get("/api/admin/kb?tag=" + tag + "&status=draft&locale=en&limit=2&offset=0"), 200);
    assertEquals(3, page.getLong("total"));
    assertEquals(2, page.getJsonArray("entries").size());
    JsonObject rest = ok(admin.get("/api/admin/kb?tag=" + tag + "&limit=2&offset=2"), 200);
    assertEquals(1, rest.getJsonArray("entries").size());
    assertEquals(0, ok(admin.get("/api/admin/kb?tag=" + tag + "&status=published"), 200).getLong("total"));
    JsonObject byText = ok(admin.get("/api/admin/kb?q=Return%20policy&locale=en"), 200);
    assertTrue(byText.getJsonArray("entries").stream()
      .anyMatch(e -> ((JsonObject) e).getString("id").equals("kb-en-return-policy")), byText.encode());
    assertEquals(0, ok(admin.get("/api/admin/kb?q=%25%25nothing_like_this%25"), 200).getLong("total"),
      "LIKE wildcards in the search text are literal");
    assertError(admin.get("/api/admin/kb?status=deleted"), 400, "invalid_parameter");
    assertError(admin.get("/api/admin/kb?limit=1000"), 400, "invalid_parameter");
  }

  @Test
  @DisplayName("refuses invalid entries with 400, a taken id with 409, and an unknown id with 404")
  void validates() throws Exception {
    assertError(admin.post("/api/admin/kb", new JsonObject().put("locale", "en").put("answer", "a")), 400,
      "invalid_field");
    assertError(admin.post("/api/admin/kb", draft("kb x", "t", "q", "a")), 400, "invalid_field");
    assertError(admin.post("/api/admin/kb", draft("kb-en-fr", "t", "q", "a").put("locale", "fr")), 400,
      "invalid_field");
    assertError(admin.post("/api/admin/kb", draft("kb-en-q", "t", "q", "a").put("questions", "not a list")), 400,
      "invalid_field");
    assertError(admin.postText("/api/admin/kb", "application/json", "[1,2]"), 400, "bad_json");
    assertError(admin.post("/api/admin/kb", draft("kb-en-gift-cards", "t", "q", "a")), 409, "id_taken");
    assertError(admin.get("/api/admin/kb/kb-nope"), 404, "not_found");
    assertError(admin.put("/api/admin/kb/kb-nope", draft("kb-nope", "t", "q", "a")), 404, "not_found");
    assertError(admin.post("/api/admin/kb/kb-nope/publish", null), 404, "not_found");
  }

  @Test
  @DisplayName("stores markup and SQL in entries as text and returns them verbatim")
  void keepsHostileTextVerbatim() throws Exception {
    String id = "kb-en-xss-" + unique();
    String title = "<img src=x onerror=alert(1)>";
    String answer = "'; DROP TABLE knowledge_entries; -- <script>alert('x')</script> & \"quotes\"";
    JsonObject created = ok(admin.post("/api/admin/kb", draft(id, title, "<b>bold</b>?", answer)), 201);
    assertEquals(title, created.getString("title"));
    JsonObject read = ok(admin.get("/api/admin/kb/" + id), 200);
    assertEquals(title, read.getString("title"));
    assertEquals(answer, read.getString("answer"));
    assertEquals("<b>bold</b>?", read.getJsonArray("questions").getString(0));
    assertEquals(answer, server.string("SELECT answer FROM knowledge_entries WHERE id = $1", id));
    JsonObject found = ok(admin.get("/api/admin/kb?q=" + java.net.URLEncoder.encode("'; DROP",
      java.nio.charset.StandardCharsets.UTF_8)), 200);
    assertEquals(1, found.getLong("total"));
  }

  private static HttpResponse<Buffer> ifMatch(HttpMethod method, String uri, JsonObject body, String etag)
    throws Exception {
    return admin.send(method, uri, body, Map.of("If-Match", etag));
  }

  private static JsonObject conflict(HttpResponse<Buffer> response, int current) {
    assertError(response, 412, "edit_conflict");
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals(current, error.getInteger("revision"), error.encode());
    assertEquals("\"" + current + "\"", response.getHeader("ETag"));
    return error;
  }

  private static long revisionRows(String id) throws Exception {
    return server.count("SELECT count(*) FROM knowledge_revisions WHERE entry_id = $1", id);
  }

  @Test
  @DisplayName("an entry's ETag is its revision; a change with a stale If-Match is a 412 that changes nothing")
  void ifMatchGuardsEveryChange() throws Exception {
    String id = "kb-en-etag-" + unique();
    String uri = "/api/admin/kb/" + id;
    HttpResponse<Buffer> created = admin.post("/api/admin/kb", draft(id, "Lockers", "are there lockers", "Yes."));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("\"1\"", created.getHeader("ETag"));
    HttpResponse<Buffer> read = admin.get(uri);
    assertEquals("\"1\"", read.getHeader("ETag"));

    JsonObject updated = ok(ifMatch(HttpMethod.PUT, uri, draft(id, "Lockers", "are there lockers", "Yes, free."),
      "\"1\""), 200);
    assertEquals(2, updated.getInteger("revision"));

    // Another admin still holds revision 1: each change from it is refused, and nothing is stored.
    JsonObject error = conflict(ifMatch(HttpMethod.PUT, uri, draft(id, "Lockers", "are there lockers", "No."),
      "\"1\""), 2);
    assertTrue(error.getString("message").contains("revision 2"), error.encode());
    conflict(ifMatch(HttpMethod.POST, uri + "/publish", null, "\"1\""), 2);
    conflict(ifMatch(HttpMethod.POST, uri + "/archive", null, "\"1\""), 2);
    conflict(ifMatch(HttpMethod.POST, uri + "/rollback", new JsonObject().put("revision", 1), "\"1\""), 2);
    conflict(ifMatch(HttpMethod.PUT, uri, draft(id, "Lockers", "are there lockers", "No."), "W/\"2\""), 2);
    conflict(ifMatch(HttpMethod.PUT, uri, draft(id, "Lockers", "are there lockers", "No."), "\"99\""), 2);
    assertEquals("Yes, free.", server.string("SELECT answer FROM knowledge_entries WHERE id = $1", id));
    assertEquals("draft", server.string("SELECT status FROM knowledge_entries WHERE id = $1", id));
    assertEquals(2L, server.count("SELECT revision FROM knowledge_entries WHERE id = $1", id));
    assertEquals(2L, revisionRows(id));

    // The current revision (alone or in a list) lets each change through, and each answer carries the next ETag.
    HttpResponse<Buffer> published = ifMatch(HttpMethod.POST, uri + "/publish", null, "\"1\", \"2\"");
    assertEquals(200, published.statusCode(), published.bodyAsString());
    assertEquals("\"3\"", published.getHeader("ETag"));
    HttpResponse<Buffer> rolledBack = ifMatch(HttpMethod.POST, uri + "/rollback", new JsonObject().put("revision", 1),
      "\"3\"");
    assertEquals(200, rolledBack.statusCode(), rolledBack.bodyAsString());
    assertEquals("\"4\"", rolledBack.getHeader("ETag"));
    assertEquals("Yes.", rolledBack.bodyAsJsonObject().getString("answer"));
    HttpResponse<Buffer> archived = ifMatch(HttpMethod.POST, uri + "/archive", null, "*");
    assertEquals(200, archived.statusCode(), archived.bodyAsString());
    assertEquals("\"5\"", archived.getHeader("ETag"));
    // Archiving again from the revision it is at: no new revision, as without If-Match.
    HttpResponse<Buffer> again = ifMatch(HttpMethod.POST, uri + "/archive", null, "\"5\"");
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(5, again.bodyAsJsonObject().getInteger("revision"));
    assertError(ifMatch(HttpMethod.POST, uri + "/rollback", new JsonObject().put("revision", 99), "\"5\""), 404,
      "no_such_revision");

    assertError(ifMatch(HttpMethod.PUT, uri, draft(id, "Lockers", "q", "a"), "5"), 400, "invalid_header");
    assertError(ifMatch(HttpMethod.PUT, "/api/admin/kb/kb-nope-" + unique(), draft("kb-nope", "t", "q", "a"),
      "\"1\""), 404, "not_found");
    assertEquals(5L, revisionRows(id));
  }

  @Test
  @DisplayName("of changes racing from one revision with If-Match exactly one wins; the others get 412")
  void racingChangesOneWins(Vertx vertx) throws Exception {
    String id = "kb-en-race-" + unique();
    String uri = "/api/admin/kb/" + id;
    ok(admin.post("/api/admin/kb", draft(id, "Racing", "who wins", "Nobody yet.")), 201);
    int racers = 4;
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    // The test holds the row's lock until every change is waiting for it, so they really do meet in PostgreSQL.
    SqlConnection lock = server.pool().getConnection().await(10, TimeUnit.SECONDS);
    try {
      Transaction tx = lock.begin().await(10, TimeUnit.SECONDS);
      lock.preparedQuery("SELECT 1 FROM knowledge_entries WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .await(10, TimeUnit.SECONDS);
      for (int i = 0; i < racers; i++) {
        JsonObject body = draft(id, "Racing", "who wins", "Racer " + i + " wins.");
        racing.add(i % 2 == 0 ? admin.sending(HttpMethod.PUT, uri, body, Map.of("If-Match", "\"1\""))
          : admin.sending(HttpMethod.POST, uri + "/publish", null, Map.of("If-Match", "\"1\"")));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      String waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND wait_event_type = 'Lock' AND query LIKE '%knowledge_entries%'";
      while (server.count(waiting) < racers && System.nanoTime() < deadline) {
        vertx.timer(20).await(1, TimeUnit.SECONDS);
      }
      assertEquals(racers, server.count(waiting), "every change waits for the row");
      tx.rollback().await(10, TimeUnit.SECONDS);
    } finally {
      lock.close().await(10, TimeUnit.SECONDS);
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> response : racing) {
      statuses.add(response.await(30, TimeUnit.SECONDS).statusCode());
    }
    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(racers - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    assertEquals(2L, revisionRows(id));
    assertEquals(2L, server.count("SELECT revision FROM knowledge_entries WHERE id = $1", id));
    int winner = statuses.indexOf(200);
    assertEquals(winner % 2 == 0 ? "Racer " + winner + " wins." : "Nobody yet.",
      server.string("SELECT answer FROM knowledge_entries WHERE id = $1", id));
    assertEquals(winner % 2 == 0 ? "draft" : "published",
      server.string("SELECT status FROM knowledge_entries WHERE id = $1", id));
  }

  @Test
  @DisplayName("serves the OpenAPI document of the admin API without a session")
  void servesOpenApi(Vertx vertx) throws Exception {
    HttpResponse<Buffer> doc = new AdminClient(vertx, server.port()).get("/api/admin/openapi.json");
    JsonObject openapi = ok(doc, 200);
    assertTrue(openapi.getString("openapi").startsWith("3."));
    assertTrue(openapi.getJsonObject("paths").containsKey("/api/admin/kb/{id}/rollback"));
    assertTrue(openapi.getJsonObject("paths").containsKey("/api/auth/login"));
    JsonObject put = openapi.getJsonObject("paths").getJsonObject("/api/admin/kb/{id}").getJsonObject("put");
    assertTrue(put.getJsonObject("responses").containsKey("412"), "edit conflicts are described");
    assertTrue(put.getJsonArray("parameters").contains(new JsonObject().put("$ref", "#/components/parameters/IfMatch")));
  }
}
