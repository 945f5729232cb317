package com.shopchat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-process half of the graceful stop: what connected clients see when the verticle is undeployed. */
@ExtendWith(VertxExtension.class)
@DisplayName("When the server stops gracefully")
class GracefulShutdownTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String AGENT = "shutdown-agent@shop.test";
  private static final int GRACE_SECONDS = 5;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE_SECONDS)));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** Each test stops the app; the next one finds it running again on the same port and database. */
  @AfterEach
  void restart(Vertx vertx) throws Exception {
    if (vertx.deploymentIDs().isEmpty()) {
      server.startApp(vertx);
    }
  }

  @Test
  @DisplayName("A chat client is told to reconnect, its socket closes with 1012 within the grace period, and after the restart it resumes with lastSeq and the seqs go on without a gap or a repeat.")
  void chatClientToldToReconnectThenResumes(Vertx vertx) throws Exception {
    String visitor = "v-shutdown-chat";
    String conversation;
    int lastSeq;
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      conversation = client.hello(visitor, null, null, "en").getString("conversationId");
      client.say("m-1", "what is your return policy?");
      lastSeq = client.awaitMessage("bot").getInteger("seq");

      long started = System.nanoTime();
      server.stopApp(vertx);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      JsonObject reconnect = client.await(f -> "reconnect".equals(f.getString("type")));
      assertEquals("server_shutdown", reconnect.getString("reason"));
      assertEquals((short) 1012, client.awaitClosed());
      assertTrue(took.compareTo(Duration.ofSeconds(GRACE_SECONDS)) < 0, "the stop took " + took);
    }

    server.startApp(vertx);
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      JsonObject welcome = client.hello(visitor, conversation, lastSeq, "en");
      assertTrue(welcome.getBoolean("resumed"));
      assertEquals(lastSeq, welcome.getInteger("lastSeq"));
      client.say("m-2", "how long does delivery take?");
      JsonObject echo = client.awaitMessage("shopper");
      assertEquals(lastSeq + 1, echo.getInteger("seq"));
      assertEquals(lastSeq + 2, client.awaitMessage("bot").getInteger("seq"));
    }
    assertEquals(4, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1", conversation));
  }

  @Test
  @DisplayName("A message sent just as the stop begins is stored at most once before it, and its resend after the restart is echoed with one stored copy.")
  void messageInFlightIsStoredOnce(Vertx vertx) throws Exception {
    String visitor = "v-shutdown-inflight";
    String conversation;
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      conversation = client.hello(visitor, null, null, "en").getString("conversationId");
      client.say("m-race", "where is my order?");
      server.stopApp(vertx);
      client.awaitClosed();
    }
    server.startApp(vertx);
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      client.hello(visitor, conversation, 0, "en");
      // The widget resends every message it saw no echo for; a resend of a stored one changes nothing.
      client.say("m-race", "where is my order?");
      JsonObject echo = client.await(f -> "message".equals(f.getString("type"))
        && "m-race".equals(f.getString("clientMsgId")));
      assertEquals(1, echo.getInteger("seq"));
      client.await(f -> "bot".equals(f.getString("from")) && Integer.valueOf(1).equals(f.getInteger("replyTo")));
    }
    assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
      conversation, "m-race"));
    assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND reply_to_seq = 1",
      conversation));
  }

  @Test
  @DisplayName("An agent console's live channel is told to reconnect and closed with 1012.")
  void agentConsoleToldToReconnect(Vertx vertx) throws Exception {
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    String origin = "http://127.0.0.1:" + server.port();
    try (ChatClient console = ChatClient.connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(server.port()).setURI("/api/agent/ws").addHeader("Cookie", agent.cookie())
        .addHeader("Origin", origin))) {
      // Open on the server once the agent shows online (its ready frame may come before the client listens).
      long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
      String presence = null;
      while (!"online".equals(presence) && System.nanoTime() < deadline) {
        presence = server.string("SELECT presence FROM staff_users WHERE lower(email) = lower($1)", AGENT);
      }
      assertEquals("online", presence);
      server.stopApp(vertx);
      JsonObject reconnect = console.await(f -> "reconnect".equals(f.getString("type")));
      assertEquals("server_shutdown", reconnect.getString("reason"));
      assertEquals((short) 1012, console.awaitClosed());
    }
  }

  @Test
  @DisplayName("A stopped server accepts no new connection.")
  void stoppedServerRefusesConnections(Vertx vertx) throws Exception {
    server.stopApp(vertx);
    assertThrows(Exception.class, () -> ChatClient.connect(vertx, server.port()).close());
  }
}
