package com.shopchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.conversation.ChatMessage;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which stored shopper messages still need the bot's answer after a server died mid-turn: the ones no bot answer
 * names, also when a later message was answered first (its resend reached the new server before the orphan's turn).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Shopper messages left without an answer")
class UnansweredMessagesTest {

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

  private static void conversation(String id, String... messages) throws Exception {
    server.pool().preparedQuery("INSERT INTO visitors (id, locale) VALUES ($1, 'en') ON CONFLICT DO NOTHING")
      .execute(Tuple.of("v-" + id)).await(10, TimeUnit.SECONDS);
    server.pool().preparedQuery("INSERT INTO conversations (id, visitor_id, locale) VALUES ($1, $2, 'en')")
      .execute(Tuple.of(id, "v-" + id)).await(10, TimeUnit.SECONDS);
    int seq = 0;
    for (String message : messages) {
      // "shopper" or "bot>N" (the bot answering seq N) or "agent".
      String[] parts = message.split(">");
      Integer replyTo = parts.length > 1 ? Integer.valueOf(parts[1]) : null;
      server.pool().preparedQuery("INSERT INTO messages (conversation_id, seq, sender, text, reply_to_seq) "
          + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, ++seq, parts[0], "text " + seq, replyTo)).await(10, TimeUnit.SECONDS);
    }
  }

  private static List<Integer> unanswered(String id) throws Exception {
    return repository.unansweredShopperMessages(id, 5).await(10, TimeUnit.SECONDS).stream()
      .map(ChatMessage::seq).toList();
  }

  @Test
  @DisplayName("an orphan before a later answered message is still found; answered ones and the last one are told apart")
  void orphanBeforeAnAnsweredMessage() throws Exception {
    conversation("c-orphan", "shopper", "bot>1", "shopper", "shopper", "bot>4", "shopper");

    assertEquals(List.of(3, 6), unanswered("c-orphan"));
  }

  @Test
  @DisplayName("messages an agent's message came after are the agent's to answer, not the bot's")
  void agentAnsweredBefore() throws Exception {
    conversation("c-agent", "shopper", "shopper", "agent", "shopper");

    assertEquals(List.of(4), unanswered("c-agent"));
  }
}
