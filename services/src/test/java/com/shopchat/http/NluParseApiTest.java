package com.shopchat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.model.SharedIntentFixture;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("POST /api/nlu/parse")
class NluParseApiTest {

  @TempDir
  static Path modelDir;
  private static Vertx modelVertx;
  private static Vertx baselineVertx;
  private static TestServer modelServer;
  private static TestServer baselineServer;
  private static WebClient client;

  @BeforeAll
  static void startServers() throws Exception {
    SharedIntentFixture.model().save(modelDir);
    modelVertx = Vertx.vertx();
    modelServer = TestServer.start(modelVertx, Map.of("NLU_MODEL_DIR", modelDir.toString()));
    baselineVertx = Vertx.vertx();
    baselineServer = TestServer.start(baselineVertx, Map.of());
    client = WebClient.create(modelVertx);
  }

  @AfterAll
  static void stopServers() throws Exception {
    client.close();
    modelServer.stop(modelVertx);
    baselineServer.stop(baselineVertx);
  }

  private static HttpResponse<Buffer> post(int port, String contentType, Buffer body) throws Exception {
    return client.post(port, "localhost", "/api/nlu/parse").putHeader("content-type", contentType)
      .sendBuffer(body).await(30, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> postJson(int port, JsonObject body) throws Exception {
    return post(port, "application/json", body.toBuffer());
  }

  @Test
  @DisplayName("With a model configured, a training utterance gets its intent, a top-5 ranking, no entities and the model version.")
  void parsesWithTheModel() throws Exception {
    HttpResponse<Buffer> response = postJson(modelServer.port(),
      new JsonObject().put("text", "cancel my order").put("locale", "en"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("cancel_order", body.getJsonObject("intent").getString("name"));
    JsonArray ranking = body.getJsonArray("ranking");
    assertEquals(5, ranking.size());
    assertEquals(body.getJsonObject("intent"), ranking.getJsonObject(0));
    for (int i = 1; i < ranking.size(); i++) {
      assertTrue(ranking.getJsonObject(i - 1).getFloat("confidence") >= ranking.getJsonObject(i).getFloat("confidence"));
    }
    assertEquals(new JsonArray(), body.getJsonArray("entities"));
    assertTrue(body.getString("modelVersion").matches("[0-9a-f]{12}"), body.getString("modelVersion"));
  }

  @Test
  @DisplayName("Without a model the baseline answers with its one intent and the version 'baseline'.")
  void parsesWithTheBaseline() throws Exception {
    HttpResponse<Buffer> response = postJson(baselineServer.port(), new JsonObject().put("text", "hello").put("locale", "en"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("greeting", body.getJsonObject("intent").getString("name"));
    assertEquals(1, body.getJsonArray("ranking").size());
    assertEquals("greeting", body.getJsonArray("ranking").getJsonObject(0).getString("name"));
    assertEquals("baseline", body.getString("modelVersion"));
  }

  /** The JSON of one entity whose span is where {@code piece} first occurs in {@code text}. */
  private static JsonObject entity(String text, String piece, String type, String value) {
    int start = text.indexOf(piece);
    assertTrue(start >= 0, piece);
    return new JsonObject().put("type", type).put("value", value).put("start", start).put("end", start + piece.length());
  }

  @Test
  @DisplayName("Entities come back in text order with exact spans into the text as sent, leading spaces included, "
    + "and catalog mentions resolved to the demo shop's SKUs.")
  void returnsEnglishEntities() throws Exception {
    String text = "  Where is order #MT-100002? I want 2 more merino sweters in navy, size M, shipped to Berlin";
    HttpResponse<Buffer> response = postJson(baselineServer.port(), new JsonObject().put("text", text).put("locale", "en"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray expected = new JsonArray()
      .add(entity(text, "#MT-100002", "order_id", "MT-100002"))
      .add(entity(text, "2 more", "quantity", "2").put("end", text.indexOf("2 more") + 1))
      .add(entity(text, "merino sweters", "product", "AP-1001"))
      .add(entity(text, "navy", "color", "navy"))
      .add(entity(text, "M,", "size", "M").put("end", text.indexOf("M,") + 1))
      .add(entity(text, "Berlin", "city", "Berlin"));
    assertEquals(expected, response.bodyAsJsonObject().getJsonArray("entities"));
  }

  @Test
  @DisplayName("A Chinese utterance gets its entities with spans in UTF-16 chars and English canonical values.")
  void returnsChineseEntities() throws Exception {
    String text = "订单 MT-100002 改寄到上海，要两件黑色中号";
    HttpResponse<Buffer> response = postJson(baselineServer.port(), new JsonObject().put("text", text).put("locale", "zh"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray expected = new JsonArray()
      .add(entity(text, "MT-100002", "order_id", "MT-100002"))
      .add(entity(text, "上海", "city", "Shanghai"))
      .add(entity(text, "两", "quantity", "2"))
      .add(entity(text, "黑色", "color", "black"))
      .add(entity(text, "中号", "size", "M"));
    assertEquals(expected, response.bodyAsJsonObject().getJsonArray("entities"));
  }

  @Test
  @DisplayName("With a model configured, the entities come with the model's intent.")
  void returnsEntitiesWithTheModel() throws Exception {
    String text = "cancel my order MT-100002";
    HttpResponse<Buffer> response = postJson(modelServer.port(), new JsonObject().put("text", text).put("locale", "en"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonArray().add(entity(text, "MT-100002", "order_id", "MT-100002")),
      response.bodyAsJsonObject().getJsonArray("entities"));
  }

  static Stream<Arguments> badRequests() {
    String json = "application/json";
    return Stream.of(
      Arguments.of("malformed JSON", json, Buffer.buffer("{\"text\": "), 400, "bad_json"),
      Arguments.of("a JSON array", json, Buffer.buffer("[\"hello\"]"), 400, "bad_json"),
      Arguments.of("an empty body", json, Buffer.buffer(), 400, "bad_json"),
      Arguments.of("no text", json, new JsonObject().put("locale", "en").toBuffer(), 400, "missing_field"),
      Arguments.of("blank text", json, new JsonObject().put("text", "  ").toBuffer(), 400, "missing_field"),
      Arguments.of("text that is a number", json, new JsonObject().put("text", 42).toBuffer(), 400, "invalid_field"),
      Arguments.of("text over the limit", json, new JsonObject().put("text", "a".repeat(2001)).toBuffer(), 400,
        "text_too_long"),
      Arguments.of("a locale other than en or zh", json,
        new JsonObject().put("text", "hello").put("locale", "fr").toBuffer(), 400, "invalid_field"),
      Arguments.of("a body over the size limit", json,
        new JsonObject().put("text", "a").put("padding", "x".repeat(20_000)).toBuffer(), 413, "too_large"),
      Arguments.of("a text/plain body", "text/plain", Buffer.buffer("hello"), 415, "unsupported_media_type"));
  }

  @ParameterizedTest(name = "{0} gets {3} {4}")
  @MethodSource("badRequests")
  @DisplayName("Bad input gets its status and the error shape with its code.")
  void rejectsBadInput(String what, String contentType, Buffer body, int status, String code) throws Exception {
    HttpResponse<Buffer> response = post(modelServer.port(), contentType, body);
    assertEquals(status, response.statusCode(), what + ": " + response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"), what);
    assertTrue(!error.getString("message").isBlank(), what);
  }

  @Test
  @DisplayName("A chat served by the transformer replies with the model's intent and stores its version on the bot turn.")
  void chatUsesTheModel() throws Exception {
    String version = postJson(modelServer.port(), new JsonObject().put("text", "hello").put("locale", "en"))
      .bodyAsJsonObject().getString("modelVersion");
    try (ChatClient chat = ChatClient.connect(modelVertx, modelServer.port())) {
      String conversationId = chat.hello("visitor-nlu-" + System.nanoTime(), null, null, "en")
        .getString("conversationId");
      chat.say("m-1", "let me talk to a human");
      JsonObject reply = chat.awaitMessage("bot");
      assertEquals("human", reply.getJsonObject("intent").getString("name"), reply.encode());
      assertEquals(1, modelServer.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'"
        + " AND nlu_model_version = $2", conversationId, version));
    }
  }
}
