package com.shopchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Importing and exporting the knowledge base")
class KnowledgeImportApiTest {

  private static final String EMAIL = "importer@shop.test";
  private static final String PASSWORD = "a long enough admin password";

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

  private static long entries(String idPrefix) throws Exception {
    return server.count("SELECT count(*) FROM knowledge_entries WHERE id LIKE $1", idPrefix + "%");
  }

  private static JsonArray rows(HttpResponse<Buffer> response) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_rows", error.getString("code"));
    return error.getJsonArray("rows");
  }

  @Test
  @DisplayName("a CSV with one bad row is refused with 400 naming its line, and none of its rows is stored")
  void csvWithBadRowCommitsNothing() throws Exception {
    String csv = """
      id,locale,title,questions,answer,tags,category,status
      kb-bad-1,en,Good row,how do i do it|how to,"Like this, then that.",help,guide,published
      kb-bad-2,fr,Bad locale,q,An answer,,,draft
      kb-bad-3,en,Good too,q,Another answer,,,
      """;
    JsonArray rows = rows(admin.postText("/api/admin/kb/import?format=csv", "text/csv", csv));
    assertEquals(1, rows.size(), rows.encode());
    assertEquals(3, rows.getJsonObject(0).getInteger("line"));
    assertTrue(rows.getJsonObject(0).getString("message").contains("locale"));
    assertEquals(0, entries("kb-bad-"));
  }

  @Test
  @DisplayName("a JSON Lines file with bad rows lists each bad line (not JSON, missing answer, repeated id)")
  void jsonlBadRows() throws Exception {
    String jsonl = """
      {"id":"kb-jbad-1","locale":"en","title":"T","answer":"A"}
      not json

      {"id":"kb-jbad-2","locale":"en","title":"T"}
      {"id":"kb-jbad-1","locale":"en","title":"T","answer":"A"}
      """;
    JsonArray rows = rows(admin.postText("/api/admin/kb/import?format=jsonl", "application/x-ndjson", jsonl));
    assertEquals(3, rows.size(), rows.encode());
    assertEquals(2, rows.getJsonObject(0).getInteger("line"));
    assertEquals(4, rows.getJsonObject(1).getInteger("line"));
    assertEquals(5, rows.getJsonObject(2).getInteger("line"));
    assertEquals(0, entries("kb-jbad-"));
  }

  @Test
  @DisplayName("a good CSV is imported: quoted commas, quotes and line breaks kept, items split on |, published rows searchable")
  void importsCsv() throws Exception {
    String csv = "id,locale,title,questions,answer,tags,category,status\r\n"
      + "kb-csv-1,en,\"Bikes, scooters\",where can i park my bike|bike rack at the store,"
      + "\"Bike racks are by the \"\"north\"\" door.\nThey are free.\",bike|parking,stores,published\r\n"
      + "kb-csv-2,zh,自行车,自行车停在哪里,门口有自行车架。,,,\r\n";
    HttpResponse<Buffer> response = admin.postText("/api/admin/kb/import?format=csv", "text/csv", csv);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("imported", 2).put("published", 1), response.bodyAsJsonObject());
    JsonObject bikes = admin.get("/api/admin/kb/kb-csv-1").bodyAsJsonObject();
    assertEquals("Bikes, scooters", bikes.getString("title"));
    assertEquals("Bike racks are by the \"north\" door.\nThey are free.", bikes.getString("answer"));
    assertEquals(new JsonArray().add("where can i park my bike").add("bike rack at the store"),
      bikes.getJsonArray("questions"));
    assertEquals(new JsonArray().add("bike").add("parking"), bikes.getJsonArray("tags"));
    assertEquals("import", bikes.getJsonArray("revisions").getJsonObject(0).getString("action"));
    assertEquals("draft", server.string("SELECT status FROM knowledge_entries WHERE id = 'kb-csv-2'"));
    var hits = server.app().knowledge().search("where can i park my bike", "en", 1).await(10, TimeUnit.SECONDS);
    assertEquals("kb-csv-1", hits.get(0).entry().id());
  }

  @Test
  @DisplayName("a good JSON Lines file is imported; an id that exists is overwritten as a new revision")
  void importsJsonl() throws Exception {
    String jsonl = """
      {"id":"kb-jsonl-1","locale":"en","title":"Opening hours","questions":["when are you open"],"answer":"9 to 6.","status":"published"}
      {"id":"kb-en-gift-wrapping","locale":"en","title":"Gift wrapping","answer":"Gift wrapping is free in December.","tags":["gift"],"status":"published"}
      """;
    HttpResponse<Buffer> response = admin.postText("/api/admin/kb/import?format=jsonl", "application/x-ndjson", jsonl);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(2, response.bodyAsJsonObject().getInteger("imported"));
    assertEquals("9 to 6.", server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-jsonl-1'"));
    assertEquals(2L, server.count("SELECT count(*) FROM knowledge_revisions WHERE entry_id = 'kb-en-gift-wrapping'"));
    assertEquals("Gift wrapping is free in December.",
      server.app().knowledge().entry("kb-en-gift-wrapping").await(1, TimeUnit.SECONDS).answer());
  }

  @Test
  @DisplayName("refuses an import without a format, or with a CSV header that lacks required columns")
  void refusesBadFiles() throws Exception {
    HttpResponse<Buffer> noFormat = admin.postText("/api/admin/kb/import", "text/csv", "id\n");
    assertEquals(400, noFormat.statusCode());
    assertEquals("invalid_parameter", noFormat.bodyAsJsonObject().getJsonObject("error").getString("code"));
    JsonArray rows = rows(admin.postText("/api/admin/kb/import?format=csv", "text/csv", "id,title\nx,y\n"));
    assertEquals(1, rows.getJsonObject(0).getInteger("line"));
  }

  @Test
  @DisplayName("exports every entry as JSON Lines and CSV that import again unchanged")
  void exportsRoundTrip() throws Exception {
    HttpResponse<Buffer> jsonl = admin.get("/api/admin/kb/export?format=jsonl");
    assertEquals(200, jsonl.statusCode());
    assertTrue(jsonl.getHeader("Content-Type").startsWith("application/x-ndjson"));
    long total = server.count("SELECT count(*) FROM knowledge_entries");
    assertEquals(total, jsonl.bodyAsString().lines().count());
    HttpResponse<Buffer> csv = admin.get("/api/admin/kb/export?format=csv");
    assertTrue(csv.bodyAsString().startsWith("id,locale,title,questions,answer,tags,category,status\r\n"));
    String before = server.string("SELECT string_agg(id || status || answer || questions::text, '|' ORDER BY id) "
      + "FROM knowledge_entries");
    HttpResponse<Buffer> again = admin.postText("/api/admin/kb/import?format=csv", "text/csv", csv.bodyAsString());
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(before, server.string("SELECT string_agg(id || status || answer || questions::text, '|' "
      + "ORDER BY id) FROM knowledge_entries"));
  }
}
