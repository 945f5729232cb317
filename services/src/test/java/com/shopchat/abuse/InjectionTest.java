package com.shopchat.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injection rendered inert: SQL, Lucene query syntax and markup in every text field the server stores or searches
 * (chat messages, knowledge entries through the admin API, staff names, agent notes) are kept and returned
 * verbatim as data, never run; searches never throw; a NUL character, which PostgreSQL text cannot hold, is
 * refused up front instead of failing the write.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Injection in text fields")
class InjectionTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "inject-admin@shop.test";
  private static final String SQL = "'; DROP TABLE messages; --";
  static final String[] LUCENE = {"title:foo AND (*", "\\\"", "~", "^10", "*:*", "return policy~2 AND (*",
    "answer:[* TO *]", "\"unclosed phrase", "foo^-1", "((((", "/.*/", "OR", "NOT", "&&", "||", "!", "?"};
  static final String[] MARKUP = {"<script>window.__xss=1</script>", "<img src=x onerror=\"window.__xss=1\">",
    "<a href=\"javascript:window.__xss=1\">x</a>", "<svg onload=window.__xss=1>"};
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("RATE_LIMIT_MESSAGES", "1000"));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(ADMIN, PASSWORD, List.of("admin", "agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  @Test
  @DisplayName("SQL, Lucene syntax and markup in chat messages are stored verbatim, answered by the bot, and the "
    + "tables are intact")
  void chatMessages(Vertx vertx) throws Exception {
    List<String> texts = new java.util.ArrayList<>(List.of(SQL, "\" OR 1=1 --", "1); DELETE FROM conversations; --"));
    texts.addAll(List.of(LUCENE));
    texts.addAll(List.of(MARKUP));
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      String conversation = client.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      int i = 0;
      for (String text : texts) {
        client.say("m-" + i, text);
        JsonObject echo = client.await(f -> ("m-" + texts.indexOf(text)).equals(f.getString("clientMsgId"))
          && "shopper".equals(f.getString("from")));
        assertEquals(text, echo.getString("text"));
        client.awaitMessage("bot");
        assertEquals(text, server.string("SELECT text FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
          conversation, "m-" + i));
        i++;
      }
      assertTrue(client.seen().stream().noneMatch(f -> "error".equals(f.getString("type"))), client.seen().toString());
      assertEquals(2L * texts.size(), server.count("SELECT count(*) FROM messages WHERE conversation_id = $1",
        conversation));
    }
  }

  @Test
  @DisplayName("a question with Lucene syntax around its words finds the entry the words name, and the syntax "
    + "alone finds nothing and throws nothing")
  void luceneSyntaxInSearch() throws Exception {
    for (String syntax : LUCENE) {
      List<KnowledgeHit> hits = server.app().knowledge().search("return policy " + syntax, "en", 5)
        .await(10, TimeUnit.SECONDS);
      assertTrue(hits.stream().anyMatch(h -> h.entry().id().equals("kb-en-return-policy")), syntax);
      assertNotNull(server.app().knowledge().search(syntax, "en", 5).await(10, TimeUnit.SECONDS), syntax);
      assertNotNull(server.app().knowledge().search(syntax, "zh", 5).await(10, TimeUnit.SECONDS), syntax);
    }
  }

  @Test
  @DisplayName("SQL, Lucene syntax and markup in a knowledge entry's fields are stored and returned verbatim, "
    + "published, searchable as text, and previewed and listed without error")
  void knowledgeEntries(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    String title = "Zanzibar quilting " + SQL + " " + MARKUP[0];
    String answer = "We quilt " + MARKUP[1] + " " + LUCENE[0];
    JsonObject entry = new JsonObject().put("id", "kb-inject").put("locale", "en").put("title", title)
      .put("questions", new JsonArray().add("do you do zanzibar quilting? " + LUCENE[4]).add(SQL))
      .put("answer", answer)
      .put("tags", new JsonArray().add(SQL).add(MARKUP[2]));
    HttpResponse<Buffer> created = admin.post("/api/admin/kb", entry);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(200, admin.post("/api/admin/kb/kb-inject/publish", null).statusCode());
    JsonObject read = admin.get("/api/admin/kb/kb-inject").bodyAsJsonObject();
    assertEquals(title, read.getString("title"));
    assertEquals(answer, read.getString("answer"));
    assertEquals(SQL, read.getJsonArray("tags").getString(0));
    assertEquals(answer, server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-inject'"));
    List<KnowledgeHit> hits = server.app().knowledge().search("zanzibar quilting", "en", 3)
      .await(10, TimeUnit.SECONDS);
    assertEquals("kb-inject", hits.get(0).entry().id());
    for (String q : List.of(SQL, LUCENE[0], LUCENE[4], MARKUP[0])) {
      HttpResponse<Buffer> list = admin.get("/api/admin/kb?q=" + java.net.URLEncoder.encode(q, "UTF-8"));
      assertEquals(200, list.statusCode(), q + ": " + list.bodyAsString());
      HttpResponse<Buffer> preview = admin.post("/api/admin/kb/kb-inject/preview", new JsonObject().put("question",
        q));
      assertEquals(200, preview.statusCode(), q + ": " + preview.bodyAsString());
    }
    assertTrue(server.count("SELECT count(*) FROM messages") >= 0, "the messages table is still there");
  }

  @Test
  @DisplayName("SQL and markup in a staff member's display name and an agent's note are stored verbatim")
  void staffFields(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    String name = "Robert'); DROP TABLE staff_users; -- " + MARKUP[0];
    HttpResponse<Buffer> added = admin.post("/api/admin/staff", new JsonObject().put("email", "bobby@shop.test")
      .put("password", PASSWORD).put("displayName", name).put("roles", new JsonArray().add("agent")));
    assertEquals(201, added.statusCode(), added.bodyAsString());
    assertEquals(name, server.string("SELECT display_name FROM staff_users WHERE email = 'bobby@shop.test'"));
    assertEquals(1, server.count("SELECT count(*) FROM staff_users WHERE email = $1", ADMIN));
  }

  @Test
  @DisplayName("a NUL character, which PostgreSQL text cannot hold, is refused in a message, a rating comment "
    + "and a contact email with invalid_field, never an internal error")
  void nulCharacters(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      String conversation = client.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      client.say("m-nul", "hello\u0000world");
      JsonObject error = client.awaitError();
      assertEquals("invalid_field", error.getString("code"), error.encode());
      assertEquals("m-nul", error.getString("clientMsgId"));
      client.send(new JsonObject().put("type", "message").put("clientMsgId", "m-nul-2").put("text", "hi")
        .put("payload", "/x\u0000"));
      assertEquals("invalid_field", client.awaitError().getString("code"));
      client.send(new JsonObject().put("type", "rating").put("rating", 5).put("comment", "great\u0000"));
      assertEquals("invalid_field", client.awaitError().getString("code"));
      client.send(new JsonObject().put("type", "contact").put("email", "a\u0000b@shop.example"));
      assertEquals("invalid_field", client.awaitError().getString("code"));
      client.say("m-ok", "hi");
      client.awaitMessage("bot");
      assertEquals(2, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1", conversation));
    }
  }

  @Test
  @DisplayName("a NUL character in a knowledge entry's fields is refused with 400, not a 500")
  void nulInKnowledge(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    for (String field : List.of("title", "answer", "category")) {
      JsonObject entry = new JsonObject().put("id", "kb-nul-" + field).put("locale", "en").put("title", "t")
        .put("questions", new JsonArray().add("q")).put("answer", "a").put(field, "bad\u0000value");
      HttpResponse<Buffer> response = admin.post("/api/admin/kb", entry);
      assertEquals(400, response.statusCode(), field + ": " + response.bodyAsString());
    }
    JsonObject entry = new JsonObject().put("id", "kb-nul-q").put("locale", "en").put("title", "t")
      .put("questions", new JsonArray().add("q\u0000")).put("answer", "a");
    assertEquals(400, admin.post("/api/admin/kb", entry).statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM knowledge_entries WHERE id LIKE 'kb-nul-%'"));
  }
}
