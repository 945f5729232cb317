package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.conversation.ChatService;
import com.shopchat.store.ConversationRepository;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

@ExtendWith(VertxExtension.class)
@DisplayName("The chat websocket")
class ChatGatewayTest {

  private static TestServer server;
  private static int port;

  @BeforeAll
  static void startServer(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    port = server.port();
  }

  @AfterAll
  static void stopServer(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static String visitor() {
    return "v-" + UUID.randomUUID();
  }

  private static long count(String sql, Object... params) throws Exception {
    return server.count(sql, params);
  }

  private static long storedMessages(String conversationId) throws Exception {
    return count("SELECT count(*) FROM messages WHERE conversation_id = $1", conversationId);
  }

  @Test
  @DisplayName("answers hello with a welcome naming a new conversation")
  void helloStartsConversation(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String visitorId = visitor();
      JsonObject welcome = client.hello(visitorId, null, null, "en");
      assertTrue(welcome.getString("conversationId").startsWith("c-"));
      assertEquals(visitorId, welcome.getString("visitorId"));
      assertFalse(welcome.getBoolean("resumed"));
      assertEquals(0, welcome.getInteger("lastSeq"));
    }
  }

  @Test
  @DisplayName("stores the shopper's message, echoes it with its seq, then answers from the knowledge base with the entry as source")
  void messageGetsKnowledgeAnswer(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      client.say("m-1", "How long does delivery take?");

      JsonObject echo = client.awaitMessage("shopper");
      assertEquals(1, echo.getInteger("seq"));
      assertEquals("m-1", echo.getString("clientMsgId"));
      assertEquals("How long does delivery take?", echo.getString("text"));

      client.await(f -> "typing".equals(f.getString("type")) && "bot".equals(f.getString("from")));
      JsonObject reply = client.awaitMessage("bot");
      assertEquals(2, reply.getInteger("seq"));
      assertEquals(1, reply.getInteger("replyTo"));
      assertEquals("faq", reply.getJsonObject("intent").getString("name"));
      assertEquals("kb-en-delivery-time", reply.getJsonArray("sources").getJsonObject(0).getString("id"));
      assertTrue(reply.getString("text").contains("working days"), reply.getString("text"));
      assertEquals(2, storedMessages(conversationId));
      assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'"
        + " AND nlu_model_version = 'baseline'", conversationId), "the bot turn records the NLU model version");
    }
  }

  @Test
  @DisplayName("answers the return-policy question with the return-policy entry")
  void returnPolicy(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.hello(visitor(), null, null, "en");
      client.say("m-1", "what is your return policy?");
      JsonObject reply = client.awaitMessage("bot");
      assertEquals("kb-en-return-policy", reply.getJsonArray("sources").getJsonObject(0).getString("id"));
    }
  }

  @Test
  @DisplayName("answers a Chinese question from the Chinese entries")
  void chinese(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.hello(visitor(), null, null, "zh");
      client.say("m-1", "配送需要多长时间？");
      JsonObject reply = client.awaitMessage("bot");
      String source = reply.getJsonArray("sources").getJsonObject(0).getString("id");
      assertTrue(source.startsWith("kb-zh-"), source);
    }
  }

  @Test
  @DisplayName("says honestly that it has no answer and offers a person when the knowledge base has nothing")
  void noAnswer(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      client.hello(visitor(), null, null, "en");
      client.say("m-1", "can you recommend a good quantum chromodynamics textbook");
      JsonObject reply = client.awaitMessage("bot");
      assertNull(reply.getJsonArray("sources"));
      JsonArray quickReplies = reply.getJsonArray("quickReplies");
      assertTrue(quickReplies.stream().map(JsonObject.class::cast).anyMatch(q -> "/human".equals(q.getString("payload"))),
        quickReplies.encode());
    }
  }

  @Test
  @DisplayName("stores a resent message once and answers the resend with the stored echo and reply")
  void resendIsIdempotent(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      client.say("m-dup", "what is your return policy?");
      JsonObject firstEcho = client.awaitMessage("shopper");
      JsonObject firstReply = client.awaitMessage("bot");

      client.say("m-dup", "what is your return policy?");
      JsonObject secondEcho = client.awaitMessage("shopper");
      JsonObject secondReply = client.awaitMessage("bot");

      assertEquals(firstEcho.getInteger("seq"), secondEcho.getInteger("seq"));
      assertEquals(firstReply.getInteger("seq"), secondReply.getInteger("seq"));
      assertEquals(2, storedMessages(conversationId));
      assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
        conversationId, "m-dup"));
    }
  }

  @Test
  @DisplayName("replays exactly the messages after lastSeq when the shopper reconnects")
  void resumeReplaysMissing(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String conversationId;
    try (ChatClient first = ChatClient.connect(vertx, port)) {
      conversationId = first.hello(visitorId, null, null, "en").getString("conversationId");
      first.say("m-1", "hello");
      first.awaitMessage("bot");
      first.say("m-2", "what is your return policy?");
      first.awaitMessage("bot");
    }
    try (ChatClient second = ChatClient.connect(vertx, port)) {
      JsonObject welcome = second.hello(visitorId, conversationId, 2, "en");
      assertTrue(welcome.getBoolean("resumed"));
      assertEquals(conversationId, welcome.getString("conversationId"));
      assertEquals(4, welcome.getInteger("lastSeq"));
      // A fresh message marks the end of the replay: everything before its echo was replayed.
      second.say("m-3", "thanks");
      JsonObject barrier = second.await(f -> "m-3".equals(f.getString("clientMsgId")));
      List<JsonObject> frames = second.seen();
      List<Integer> replayed = frames.subList(0, frames.indexOf(barrier)).stream()
        .filter(f -> "message".equals(f.getString("type")))
        .map(f -> f.getInteger("seq")).toList();
      assertEquals(List.of(3, 4), replayed);
    }
  }

  @Test
  @DisplayName("resumes the visitor's latest open conversation when hello names none")
  void resumesLatest(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String conversationId;
    try (ChatClient first = ChatClient.connect(vertx, port)) {
      conversationId = first.hello(visitorId, null, null, "en").getString("conversationId");
      first.say("m-1", "hi");
      first.awaitMessage("bot");
    }
    try (ChatClient second = ChatClient.connect(vertx, port)) {
      JsonObject welcome = second.hello(visitorId, null, 0, "en");
      assertEquals(conversationId, welcome.getString("conversationId"));
      assertEquals(1, second.awaitMessage("shopper").getInteger("seq"));
      assertEquals(2, second.awaitMessage("bot").getInteger("seq"));
    }
  }

  @Test
  @DisplayName("never shows one visitor's conversation to another visitor who names it")
  void foreignConversationIsNotResumed(Vertx vertx) throws Exception {
    String conversationId;
    try (ChatClient owner = ChatClient.connect(vertx, port)) {
      conversationId = owner.hello(visitor(), null, null, "en").getString("conversationId");
      owner.say("m-1", "my secret question about refunds");
      owner.awaitMessage("bot");
    }
    try (ChatClient intruder = ChatClient.connect(vertx, port)) {
      JsonObject welcome = intruder.hello(visitor(), conversationId, 0, "en");
      assertFalse(welcome.getBoolean("resumed"));
      assertNotEquals(conversationId, welcome.getString("conversationId"));
      intruder.say("m-x", "hi");
      intruder.await(f -> "m-x".equals(f.getString("clientMsgId")));
      assertTrue(intruder.seen().stream().noneMatch(f -> String.valueOf(f.getString("text")).contains("secret")));
    }
  }

  @Test
  @DisplayName("delivers the bot's reply to every open tab of the same conversation")
  void everyTabSeesReplies(Vertx vertx) throws Exception {
    String visitorId = visitor();
    try (ChatClient tab1 = ChatClient.connect(vertx, port); ChatClient tab2 = ChatClient.connect(vertx, port)) {
      String conversationId = tab1.hello(visitorId, null, null, "en").getString("conversationId");
      tab2.hello(visitorId, conversationId, 0, "en");
      tab1.say("m-1", "what is your return policy?");
      assertEquals("m-1", tab2.awaitMessage("shopper").getString("clientMsgId"));
      JsonObject inTab2 = tab2.awaitMessage("bot");
      JsonObject inTab1 = tab1.awaitMessage("bot");
      assertEquals(inTab1.getInteger("seq"), inTab2.getInteger("seq"));
    }
  }

  @Test
  @DisplayName("stores SQL and script payloads as plain text and changes nothing else")
  void injectionIsJustText(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      String payload = "'); DROP TABLE messages; -- <script>alert(1)</script>";
      client.say("m-1", payload);
      assertEquals(payload, client.awaitMessage("shopper").getString("text"));
      client.awaitMessage("bot");
      assertEquals(2, storedMessages(conversationId));
      assertTrue(count("SELECT count(*) FROM products") > 0);
    }
  }

  @Test
  @DisplayName("serves the demo catalog and answers unknown API paths with the JSON error shape")
  void productsAndNotFound(Vertx vertx) throws Exception {
    // WebClient buffers whole bodies; a raw HttpClient driven from the test thread can attach its
    // body handler after a small response has already ended.
    WebClient client = WebClient.create(vertx);
    HttpResponse<Buffer> products = client.get(port, "127.0.0.1", "/api/products").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, products.statusCode());
    assertEquals(60, products.bodyAsJsonObject().getJsonArray("products").size());
    HttpResponse<Buffer> missing = client.get(port, "127.0.0.1", "/api/nope").send().await(10, TimeUnit.SECONDS);
    assertEquals(404, missing.statusCode());
    assertTrue(missing.getHeader("content-type").startsWith("application/json"));
    JsonObject error = missing.bodyAsJsonObject().getJsonObject("error");
    assertEquals("not_found", error.getString("code"));
    assertNotNull(error.getString("message"));
    client.close();
  }

  @Test
  @DisplayName("stores messages sent in quick succession in the order they were sent")
  void keepsSendingOrder(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      for (int i = 0; i < 6; i++) {
        client.say("m-" + i, "message number " + i);
      }
      client.await(f -> "m-5".equals(f.getString("clientMsgId")));
      List<Integer> echoSeqs = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = "m-" + i;
        echoSeqs.add(client.seen().stream().filter(f -> id.equals(f.getString("clientMsgId"))).findFirst()
          .orElseThrow(() -> new AssertionError("no echo for " + id)).getInteger("seq"));
      }
      assertEquals(echoSeqs.stream().sorted().toList(), echoSeqs, "seqs in sending order");
      assertEquals(1, (long) echoSeqs.get(0));
      assertTrue(storedMessages(conversationId) >= 6);
    }
  }

  @Test
  @DisplayName("replays from lastSeq only for the conversation the client named")
  void lastSeqOfAnotherConversationIsIgnored(Vertx vertx) throws Exception {
    String visitorId = visitor();
    try (ChatClient first = ChatClient.connect(vertx, port)) {
      first.hello(visitorId, null, null, "en");
      first.say("m-1", "hi");
      first.awaitMessage("bot");
    }
    try (ChatClient second = ChatClient.connect(vertx, port)) {
      // No conversationId: the server resumes the latest one, so a lastSeq from elsewhere means nothing.
      second.hello(visitorId, null, 2, "en");
      assertEquals(1, second.awaitMessage("shopper").getInteger("seq"));
    }
  }

  private static JsonObject messageFrame(int seq, String text) {
    return new JsonObject().put("type", "message").put("seq", seq).put("from", "agent").put("text", text)
      .put("at", "2026-12-07T00:00:00Z");
  }

  private static List<Integer> seqsSeen(ChatClient client) {
    return client.seen().stream().filter(f -> "message".equals(f.getString("type")))
      .map(f -> f.getInteger("seq")).toList();
  }

  @Test
  @DisplayName("message frames published out of seq order (stored by different connections or nodes) reach the shopper in seq order, each once")
  void outOfOrderFramesAreShownInOrder(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      vertx.eventBus().publish(ChatService.address(conversationId), messageFrame(2, "second"));
      vertx.eventBus().publish(ChatService.address(conversationId), messageFrame(1, "first"));
      vertx.eventBus().publish(ChatService.address(conversationId), messageFrame(1, "first again"));
      vertx.eventBus().publish(ChatService.address(conversationId), messageFrame(3, "third"));

      client.await(f -> Integer.valueOf(3).equals(f.getInteger("seq")));
      assertEquals(List.of(1, 2, 3), seqsSeen(client));
      assertEquals("first", client.seen().stream().filter(f -> Integer.valueOf(1).equals(f.getInteger("seq")))
        .findFirst().orElseThrow().getString("text"));
    }
  }

  @Test
  @DisplayName("a seq whose frame never comes is read from the store, and the frame that came ahead of it follows")
  void missingSeqIsReadFromTheStore(Vertx vertx) throws Exception {
    try (ChatClient client = ChatClient.connect(vertx, port)) {
      String conversationId = client.hello(visitor(), null, null, "en").getString("conversationId");
      // Stored without a frame published for it (as if its publication were lost between nodes).
      new ConversationRepository(server.pool())
        .appendShopperMessage(conversationId, "m-unpublished", "stored quietly", null).await(10, TimeUnit.SECONDS);
      vertx.eventBus().publish(ChatService.address(conversationId), messageFrame(2, "ahead"));

      JsonObject first = client.await(f -> "message".equals(f.getString("type")));
      assertEquals(1, first.getInteger("seq"));
      assertEquals("m-unpublished", first.getString("clientMsgId"));
      client.await(f -> Integer.valueOf(2).equals(f.getInteger("seq")));
      assertEquals(List.of(1, 2), seqsSeen(client));
    }
  }
}
