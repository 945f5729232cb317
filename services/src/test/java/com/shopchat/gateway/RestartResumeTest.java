package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.MainVerticle;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a shopper has said survives a server restart: history, seqs and the dialogue state. */
@ExtendWith(VertxExtension.class)
@DisplayName("After a server restart")
class RestartResumeTest {

  private static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.fresh();
  }

  @AfterAll
  static void drop(Vertx vertx) throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    db.close();
  }

  private static MainVerticle deploy(Vertx vertx) throws Exception {
    MainVerticle app = new MainVerticle(db.config(Map.of()));
    vertx.deployVerticle(app).await(60, TimeUnit.SECONDS);
    return app;
  }

  @Test
  @DisplayName("the shopper gets the whole conversation back, seqs continue, and the bot remembers its misunderstanding")
  void conversationSurvivesRestart(Vertx vertx) throws Exception {
    MainVerticle first = deploy(vertx);
    String visitorId = "v-restart";
    String conversationId;
    try (ChatClient client = ChatClient.connect(vertx, first.port())) {
      conversationId = client.hello(visitorId, null, null, "en").getString("conversationId");
      client.say("m-1", "what is your return policy?");
      client.awaitMessage("bot");
      client.say("m-2", "do you repair vintage motorcycles");
      client.awaitMessage("bot");
    }
    String deploymentId = vertx.deploymentIDs().iterator().next();
    vertx.undeploy(deploymentId).await(30, TimeUnit.SECONDS);

    MainVerticle second = deploy(vertx);
    try (ChatClient client = ChatClient.connect(vertx, second.port())) {
      JsonObject welcome = client.hello(visitorId, conversationId, 0, "en");
      assertTrue(welcome.getBoolean("resumed"));
      assertEquals(4, welcome.getInteger("lastSeq"));
      client.say("m-3", "fix my carburettor");
      JsonObject reply = client.await(f -> "bot".equals(f.getString("from")) && Integer.valueOf(5).equals(f.getInteger("replyTo")));
      assertEquals(6, reply.getInteger("seq"));
      // Second misunderstanding in a row, counted across the restart: the bot offers a person outright.
      assertEquals(1, reply.getJsonArray("quickReplies").size());
      assertEquals("/human", reply.getJsonArray("quickReplies").getJsonObject(0).getString("payload"));
      List<Integer> seqs = client.seen().stream().filter(f -> "message".equals(f.getString("type")))
        .map(f -> f.getInteger("seq")).distinct().toList();
      assertEquals(List.of(1, 2, 3, 4, 5, 6), seqs);
    }
  }
}
