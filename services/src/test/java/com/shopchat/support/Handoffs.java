package com.shopchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Steps the handoff tests share: an agent's live channel, a shopper asking for a person, a handoff frame. */
public final class Handoffs {

  private Handoffs() {
  }

  /** The agent's console channel, opened with their session; returns once the server has them online. */
  public static ChatClient console(Vertx vertx, TestServer server, AdminClient agent, String email) throws Exception {
    String origin = "http://127.0.0.1:" + server.port();
    ChatClient ws = ChatClient.connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1")
      .setPort(server.port()).setURI("/api/agent/ws").addHeader("Cookie", agent.cookie()).addHeader("Origin", origin));
    // Online once the server has opened the channel (its first frame may come before the client listens).
    long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
    String presence = null;
    while (!"online".equals(presence) && System.nanoTime() < deadline) {
      presence = server.string("SELECT presence FROM staff_users WHERE lower(email) = lower($1)", email);
    }
    assertEquals("online", presence);
    return ws;
  }

  /** A new visitor who asked for a person (the quick reply's payload): returns the conversation id. */
  public static String askForPerson(ChatClient shopper, String locale) throws Exception {
    String conversation = shopper.hello("v-" + UUID.randomUUID(), null, null, locale).getString("conversationId");
    shopper.send(new JsonObject().put("type", "message").put("clientMsgId", "m-human").put("text", "Talk to a person")
      .put("payload", "/human"));
    JsonObject handoffReply = shopper.awaitMessage("bot");
    assertEquals("human", handoffReply.getJsonObject("intent").getString("name"));
    return conversation;
  }

  /** The next {@code handoff} frame in this state. */
  public static JsonObject handoffFrame(ChatClient client, String state) throws Exception {
    return client.await(f -> "handoff".equals(f.getString("type")) && state.equals(f.getString("state")));
  }
}
