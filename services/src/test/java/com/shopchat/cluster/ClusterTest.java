package com.shopchat.cluster;

import static com.shopchat.support.AdminClient.errorCode;
import static com.shopchat.support.AdminClient.ok;
import static com.shopchat.support.Handoffs.askForPerson;
import static com.shopchat.support.Handoffs.console;
import static com.shopchat.support.Handoffs.handoffFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.config.ClusterSettings;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Shopper;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of one cluster (two clustered Vert.x instances joined by Hazelcast on 127.0.0.1 with explicit members,
 * each serving on a port of its own) over one fresh database: a shopper on node A and an agent on node B talk, a
 * knowledge entry published on A answers on B, a staff session and the login throttle hold on both, an agent's
 * consoles on both nodes keep them online, and when node A goes the shopper goes on on B where they left off.
 * The clients run on the test's own Vert.x, outside the cluster.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Two clustered nodes")
class ClusterTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "cluster-admin@shop.test";
  private static final String DANA = "dana@shop.test";
  private static final String SAM = "sam@shop.test";
  private static final String LEE = "lee@shop.test";
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static TestServer nodeA;
  private static TestServer nodeB;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // Hazelcast tuned for a test: no waiting before the join, few partitions, a short graceful shutdown.
    System.setProperty("hazelcast.wait.seconds.before.join", "0");
    System.setProperty("hazelcast.partition.count", "17");
    System.setProperty("hazelcast.graceful.shutdown.max.wait", "15");
    System.setProperty("hazelcast.tcp.join.port.try.count", "1");
    String name = "shopchat-test-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    vertxA = Clustering.vertx(new ClusterSettings(true, name, "127.0.0.1", portA, 0, members), null)
      .await(60, TimeUnit.SECONDS);
    vertxB = Clustering.vertx(new ClusterSettings(true, name, "127.0.0.1", portB, 0, members), null)
      .await(60, TimeUnit.SECONDS);
    Map<String, String> config = Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD,
      "ADMIN_LOGIN_MAX_ATTEMPTS", "3");
    nodeA = TestServer.start(vertxA, config);
    nodeB = nodeA.node(vertxB, config);
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(nodeA.pool()), new PasswordHasher());
    for (String agent : List.of(DANA, SAM, LEE)) {
      accounts.create(agent, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    }
    nodeA.count("WITH changed AS (UPDATE staff_users SET display_name = 'Dana' WHERE email = $1 RETURNING 1) "
      + "SELECT count(*) FROM changed", DANA);
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodeA != null) {
      vertxA.close().await(60, TimeUnit.SECONDS);
    }
    if (nodeB != null) {
      nodeB.stop(vertxB);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Polls {@code condition} until it holds, for at most {@link #BOUND_NANOS}. */
  private static void within(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND_NANOS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " did not happen within 10 s");
      Thread.onSpinWait();
    }
  }

  private static String presence(String email) {
    try {
      return nodeB.string("SELECT presence FROM staff_users WHERE email = $1", email);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(1)
  @DisplayName("a shopper on node A and an agent on node B: the handoff, the claim, replies both ways and typing")
  void shopperAndAgentOnTwoNodes(Vertx vertx) throws Exception {
    AdminClient dana = new AdminClient(vertx, nodeB.port()).loggedIn(DANA, PASSWORD);
    try (ChatClient shopper = ChatClient.connect(vertx, nodeA.port())) {
      String conversation = askForPerson(shopper, "en");
      assertEquals(0, handoffFrame(shopper, "queued").getInteger("agentsOnline"));

      ok(dana.post("/api/agent/conversations/" + conversation + "/claim", null), 200);
      assertEquals("Dana", handoffFrame(shopper, "assigned").getJsonObject("agent").getString("name"),
        "told on node A of a claim made on node B");

      try (ChatClient agentConsole = console(vertx, nodeB, dana, DANA)) {
        agentConsole.send(new JsonObject().put("type", "watch").put("conversationId", conversation));
        agentConsole.await(f -> "watching".equals(f.getString("type")));
        // Typing is not stored: until node A knows of node B's new subscription (about a second) it reaches no one
        // there, so the shopper keeps typing, as a shopper does.
        JsonObject typing = null;
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (typing == null && System.nanoTime() < deadline) {
          shopper.send(new JsonObject().put("type", "typing"));
          typing = agentConsole.poll(f -> "typing".equals(f.getString("type")) && "shopper".equals(f.getString("from")),
            Duration.ofMillis(200));
        }
        assertNotNull(typing, "the shopper's typing on node A reaches the console on node B");
        shopper.say("m-2", "my parcel arrived damaged");
        assertEquals("my parcel arrived damaged", agentConsole.awaitMessage("shopper").getString("text"));

        assertEquals(204, dana.post("/api/agent/conversations/" + conversation + "/typing", null).statusCode());
        shopper.await(f -> "typing".equals(f.getString("type")) && "agent".equals(f.getString("from")));
        JsonObject sent = ok(dana.post("/api/agent/conversations/" + conversation + "/messages",
          new JsonObject().put("clientMsgId", "a-1").put("text", "Sorry to hear that, let me help.")), 201);
        JsonObject received = shopper.awaitMessage("agent");
        assertEquals("Sorry to hear that, let me help.", received.getString("text"));
        assertEquals(sent.getInteger("seq"), received.getInteger("seq"));

        ok(dana.post("/api/agent/conversations/" + conversation + "/close", null), 200);
        assertTrue(handoffFrame(shopper, "ended").getBoolean("askRating"));
      }
      assertEquals(List.of("shopper", "bot", "shopper", "agent"), senders(conversation));
    }
  }

  private static List<String> senders(String conversation) throws Exception {
    List<String> senders = new ArrayList<>();
    nodeB.pool().preparedQuery("SELECT sender FROM messages WHERE conversation_id = $1 ORDER BY seq")
      .execute(io.vertx.sqlclient.Tuple.of(conversation)).await(10, TimeUnit.SECONDS)
      .forEach(r -> senders.add(r.getString(0)));
    return senders;
  }

  @Test
  @Order(2)
  @DisplayName("a knowledge entry an admin publishes on node A answers a shopper on node B; archived, it leaves B too")
  void knowledgeReachesEveryNode(Vertx vertx) throws Exception {
    AdminClient admin = new AdminClient(vertx, nodeA.port()).loggedIn(ADMIN, PASSWORD);
    String id = "kb-en-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    String answer = "Our alpaca wool socks are knitted in Peru from undyed fleece.";
    ok(admin.post("/api/admin/kb", new JsonObject().put("id", id).put("locale", "en").put("title", "Alpaca socks")
      .put("questions", new JsonArray().add("where are the alpaca wool socks knitted")).put("answer", answer)
      .put("tags", new JsonArray().add("products")).put("category", "products")), 201);
    ok(admin.post("/api/admin/kb/" + id + "/publish", null), 200);

    within("node B indexing the entry", () -> entryOnB(id) != null);
    try (Shopper shopper = Shopper.connect(vertx, nodeB.port(), "v-" + UUID.randomUUID(), null, "en")) {
      JsonObject reply = shopper.says("Where are the alpaca wool socks knitted?");
      assertEquals(id, reply.getJsonArray("sources").getJsonObject(0).getString("id"), reply.encode());
      assertEquals(answer, reply.getString("text"));
    }

    ok(admin.post("/api/admin/kb/" + id + "/archive", null), 200);
    within("node B dropping the archived entry", () -> entryOnB(id) == null);
  }

  @Test
  @Order(2)
  @DisplayName("knowledge changes whose signal never came (written behind the nodes' backs) are found and followed by node B's reconcile: added, edited, withdrawn")
  void reconcileRepairsLostSignals() throws Exception {
    String id = "kb-en-lost-" + UUID.randomUUID().toString().substring(0, 8);
    nodeA.count("WITH added AS (INSERT INTO knowledge_entries (id, locale, title, questions, answer, tags, category, "
      + "status) VALUES ($1, 'en', 'Llama blankets', '[\"are the llama blankets washable\"]'::jsonb, "
      + "'Hand wash only, cold water.', '[]'::jsonb, 'products', 'published') RETURNING 1) SELECT count(*) FROM added",
      id);
    assertNull(entryOnB(id), "no signal was sent, so B cannot know yet");

    assertEquals(1, nodeB.app().knowledgeSync().reconcile().await(20, TimeUnit.SECONDS));
    assertEquals("Hand wash only, cold water.", entryOnB(id).answer());
    assertEquals(0, nodeB.app().knowledgeSync().reconcile().await(20, TimeUnit.SECONDS), "nothing left to repair");

    nodeA.count("WITH edited AS (UPDATE knowledge_entries SET answer = 'Machine wash at 30 degrees.' WHERE id = $1 "
      + "RETURNING 1) SELECT count(*) FROM edited", id);
    assertEquals(1, nodeB.app().knowledgeSync().reconcile().await(20, TimeUnit.SECONDS));
    assertEquals("Machine wash at 30 degrees.", entryOnB(id).answer());

    nodeA.count("WITH withdrawn AS (UPDATE knowledge_entries SET status = 'archived' WHERE id = $1 RETURNING 1) "
      + "SELECT count(*) FROM withdrawn", id);
    assertEquals(1, nodeB.app().knowledgeSync().reconcile().await(20, TimeUnit.SECONDS));
    assertNull(entryOnB(id));
  }

  private static KnowledgeEntry entryOnB(String id) {
    try {
      return nodeB.app().knowledge().entry(id).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(3)
  @DisplayName("a staff session made on node A works on node B, writes included, and failed logins count on both")
  void sessionsAndThrottleShared(Vertx vertx) throws Exception {
    AdminClient onA = new AdminClient(vertx, nodeA.port()).loggedIn(ADMIN, PASSWORD);
    AdminClient onB = new AdminClient(vertx, nodeB.port());
    onB.cookie(onA.cookie());
    onB.withCsrf(onA.csrfToken());
    assertEquals(ADMIN, ok(onB.get("/api/auth/me"), 200).getJsonObject("user").getString("email"));
    String id = "kb-en-draft-" + UUID.randomUUID().toString().substring(0, 8);
    ok(onB.post("/api/admin/kb", new JsonObject().put("id", id).put("locale", "en").put("title", "A draft")
      .put("questions", new JsonArray().add("is this a draft")).put("answer", "It is.")
      .put("tags", new JsonArray()).put("category", "misc")), 201);
    assertEquals(204, onB.post("/api/auth/logout", null).statusCode());
    assertEquals("unauthorized", errorCode(onA.get("/api/auth/me"), 401), "signed out on B is signed out on A");

    AdminClient guesser = new AdminClient(vertx, nodeA.port());
    assertEquals(401, guesser.login(LEE, "wrong password one").statusCode());
    assertEquals(401, guesser.login(LEE, "wrong password two").statusCode());
    AdminClient guesserOnB = new AdminClient(vertx, nodeB.port());
    assertEquals(401, guesserOnB.login(LEE, "wrong password three").statusCode());
    assertEquals("too_many_attempts", errorCode(guesserOnB.login(LEE, PASSWORD), 429));
    assertEquals("too_many_attempts", errorCode(guesser.login(LEE, PASSWORD), 429));
  }

  @Test
  @Order(4)
  @DisplayName("an agent with consoles on both nodes stays online when one closes, and goes offline with the last")
  void presenceAcrossNodes(Vertx vertx) throws Exception {
    AdminClient sam = new AdminClient(vertx, nodeA.port()).loggedIn(SAM, PASSWORD);
    AdminClient samOnB = new AdminClient(vertx, nodeB.port());
    samOnB.cookie(sam.cookie());
    try (ChatClient consoleA = console(vertx, nodeA, sam, SAM)) {
      ChatClient consoleB = console(vertx, nodeB, samOnB, SAM);
      consoleB.close();
      // Node B asks node A, which still holds a console, within milliseconds; two seconds of reads show no change.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < until) {
        assertEquals("online", presence(SAM), "one console is still open, on node A");
      }
    }
    within("the agent going offline with the last console", () -> "offline".equals(presence(SAM)));
  }

  @Test
  @Order(5)
  @DisplayName("an agent left online by a node that went (no console anywhere) is marked offline; one whose console "
    + "is open on another node is not")
  void presenceSweptAfterANodeGoes(Vertx vertx) throws Exception {
    AdminClient dana = new AdminClient(vertx, nodeB.port()).loggedIn(DANA, PASSWORD);
    try (ChatClient consoleB = console(vertx, nodeB, dana, DANA)) {
      // As a crashed node leaves it: SAM online with no console open; both set online a minute ago.
      nodeA.count("WITH changed AS (UPDATE staff_users SET presence = 'online', presence_at = now() - interval "
        + "'1 minute' WHERE email IN ($1, $2) RETURNING 1) SELECT count(*) FROM changed", SAM, DANA);
      assertEquals(1, nodeA.app().handoffs().sweepPresence().await(10, TimeUnit.SECONDS));
      assertEquals("offline", presence(SAM));
      assertEquals("online", presence(DANA), "her console is open on node B");
    }
  }

  @Test
  @Order(6)
  @DisplayName("node A stops while a shopper talks: they resume on node B by lastSeq, every message stored once in "
    + "order, and the dialogue's state goes on")
  void nodeGoesShopperResumesElsewhere(Vertx vertx) throws Exception {
    String visitor = "v-" + UUID.randomUUID();
    String conversation;
    int lastSeq;
    try (ChatClient onA = ChatClient.connect(vertx, nodeA.port())) {
      conversation = onA.hello(visitor, null, null, "en").getString("conversationId");
      onA.say("m-1", "do you repair vintage motorcycles");
      lastSeq = onA.awaitMessage("bot").getInteger("seq");
      // Sent as the node goes: stored there or not, its resend on node B is stored once.
      onA.say("m-2", "fix my carburettor");
      vertxA.close().await(60, TimeUnit.SECONDS);
      nodeA = null;
      assertEquals((short) 1012, onA.awaitClosed());
    }
    try (ChatClient onB = ChatClient.connect(vertx, nodeB.port())) {
      JsonObject welcome = onB.hello(visitor, conversation, lastSeq, "en");
      assertTrue(welcome.getBoolean("resumed"));
      onB.say("m-2", "fix my carburettor");
      JsonObject echoed = onB.await(f -> "message".equals(f.getString("type"))
        && "m-2".equals(f.getString("clientMsgId")));
      int m2 = echoed.getInteger("seq");
      JsonObject reply = onB.await(f -> "bot".equals(f.getString("from"))
        && Integer.valueOf(m2).equals(f.getInteger("replyTo")));
      // The second misunderstanding in a row, counted across the nodes: the bot offers a person outright.
      assertEquals(1, reply.getJsonArray("quickReplies").size(), reply.encode());
      assertEquals("/human", reply.getJsonArray("quickReplies").getJsonObject(0).getString("payload"));
      onB.say("m-3", "what is your return policy?");
      onB.await(f -> "message".equals(f.getString("type")) && "bot".equals(f.getString("from"))
        && f.getInteger("seq") > reply.getInteger("seq"));
    }
    assertEquals(List.of("shopper", "bot", "shopper", "bot", "shopper", "bot"), senders(conversation));
    assertEquals(6, nodeB.count("SELECT count(DISTINCT seq) FROM messages WHERE conversation_id = $1 "
      + "AND seq BETWEEN 1 AND 6", conversation));
    for (String clientMsgId : List.of("m-1", "m-2", "m-3")) {
      assertEquals(1, nodeB.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
        conversation, clientMsgId), clientMsgId + " stored once");
    }
    assertNull(nodeA);
    assertNotNull(nodeB.app().knowledge());
  }
}
