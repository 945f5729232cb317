package com.shopchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.shopchat.conversation.Appended;
import com.shopchat.conversation.BotTurnRecord;
import com.shopchat.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Storing messages, each in one statement: a message is stored once whatever the number of concurrent resends, the
 * bot answers a message once, and seqs stay gap-free and ordered under concurrent writers.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Appending to a conversation")
class ConversationAppendTest {

  private static TestServer server;
  private static ConversationRepository repository;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    repository = new ConversationRepository(server.pool());
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static List<Row> rows(String sql, Object... params) throws Exception {
    List<Row> out = new ArrayList<>();
    server.pool().preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS).forEach(out::add);
    return out;
  }

  private static BotTurnRecord answer(int replyTo, String text, String flow) {
    return new BotTurnRecord(replyTo, text, "faq", 0.9f, new JsonObject().put("k", text),
      new JsonObject().put("flow", flow), "open", "model-1", new JsonArray().add(new JsonObject().put("type", "x")),
      flow, 12);
  }

  @Test
  @DisplayName("20 concurrent sends of one client id store it once: one first arrival, 19 duplicates, one seq")
  void concurrentResends() throws Exception {
    String id = visitorConversation();
    List<Future<Appended>> sends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sends.add(repository.appendShopperMessage(id, "m-1", "where is my order?", null));
    }
    List<Appended> all = Future.all(sends).await(20, TimeUnit.SECONDS).list();

    assertEquals(1, all.stream().filter(a -> !a.duplicate()).count());
    assertEquals(1, all.stream().map(a -> a.message().seq()).distinct().count());
    assertEquals(1L, rows("SELECT count(*) AS n FROM messages WHERE conversation_id = $1", id).get(0).getLong("n"));
    assertEquals(1, rows("SELECT last_seq FROM conversations WHERE id = $1", id).get(0).getInteger("last_seq"));
  }

  @Test
  @DisplayName("concurrent different messages get seqs 1..n with no gap; each bot answer is stored once with its record")
  void concurrentMessagesAndAnswers() throws Exception {
    String id = visitorConversation();
    List<Future<Appended>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sends.add(repository.appendShopperMessage(id, "m-" + i, "message " + i, new JsonObject().put("payload", "p" + i)));
    }
    Future.all(sends).await(20, TimeUnit.SECONDS);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
      rows("SELECT seq FROM messages WHERE conversation_id = $1 ORDER BY seq", id).stream()
        .map(r -> r.getInteger("seq")).toList());

    List<Future<Appended>> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(repository.appendBotReply(id, answer(4, "answer " + i, "flow-" + i)));
    }
    List<Appended> stored = Future.all(answers).await(20, TimeUnit.SECONDS).list();
    assertEquals(1, stored.stream().filter(a -> !a.duplicate()).count());
    Appended first = stored.stream().filter(a -> !a.duplicate()).findFirst().orElseThrow();
    assertEquals(11, first.message().seq());
    stored.forEach(a -> assertEquals(first.message().text(), a.message().text()));

    Row bot = rows("SELECT * FROM messages WHERE conversation_id = $1 AND sender = 'bot'", id).get(0);
    assertEquals(4, bot.getInteger("reply_to_seq"));
    assertEquals("model-1", bot.getString("nlu_model_version"));
    assertEquals(12, bot.getInteger("latency_ms"));
    assertEquals("faq", bot.getString("intent"));
    String flow = bot.getString("flow");
    Row conversation = rows("SELECT last_seq, state, status FROM conversations WHERE id = $1", id).get(0);
    assertEquals(11, conversation.getInteger("last_seq"));
    assertEquals(flow, ((JsonObject) conversation.getValue("state")).getString("flow"),
      "the state is the stored answer's, not a losing duplicate's");
  }

  @Test
  @DisplayName("a message or an answer for a conversation that does not exist fails and stores nothing")
  void unknownConversation() throws Exception {
    Exception e = assertThrows(Exception.class,
      () -> repository.appendShopperMessage("c-none", "m-1", "hi", null).await(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, e);
    e = assertThrows(Exception.class,
      () -> repository.appendBotReply("c-none", answer(1, "hello", "f")).await(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, e);
    assertEquals(0L, rows("SELECT count(*) AS n FROM messages WHERE conversation_id = $1", "c-none").get(0).getLong("n"));
  }

  private static String visitorConversation() throws Exception {
    String visitor = "v-append-" + System.nanoTime();
    repository.touchVisitor(visitor, "en", null).await(10, TimeUnit.SECONDS);
    return repository.create(visitor, "en", null).await(10, TimeUnit.SECONDS).id();
  }
}
