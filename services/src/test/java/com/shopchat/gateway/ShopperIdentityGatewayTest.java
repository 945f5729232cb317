package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.conversation.Conversation;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.store.ConversationRepository;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
@DisplayName("A hello with the shop's signed shopper identity")
class ShopperIdentityGatewayTest {

  private static final String SECRET = "the-gateway-test-secret-of-forty-characters";
  private static final ShopperIdentity SIGNER = ShopperIdentity.create(SECRET, Duration.ofDays(1), Clock.systemUTC());
  private static TestServer server;

  @BeforeAll
  static void startServer(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("SHOP_IDENTITY_SECRET", SECRET));
  }

  @AfterAll
  static void stopServer(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  private static String visitor() {
    return "v-" + UUID.randomUUID();
  }

  private static String token(String shopperId) {
    return SIGNER.sign(shopperId, Instant.now().plusSeconds(600));
  }

  private static Object shopperOf(String conversationId) throws Exception {
    return server.value("SELECT shopper_id FROM conversations WHERE id = $1", conversationId);
  }

  private static ChatClient connect(Vertx vertx) throws Exception {
    return ChatClient.connect(vertx, server.port());
  }

  /** Starts a conversation as this shopper (null: anonymous) with one exchange in it; returns its id. */
  private static String conversationWithOneExchange(Vertx vertx, String visitorId, String shopperId) throws Exception {
    try (ChatClient client = connect(vertx)) {
      String id = client.hello(visitorId, null, null, "en", shopperId == null ? null : token(shopperId))
        .getString("conversationId");
      client.say("m-1", "how long does delivery take?");
      client.awaitMessage("bot");
      return id;
    }
  }

  @Test
  @DisplayName("with a valid token: a verified welcome naming the shopper, and the conversation and visitor bound to them")
  void validIdentity(Vertx vertx) throws Exception {
    String visitorId = visitor();
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitorId, null, null, "en", token("shopper-anna"));
      assertEquals(new JsonObject().put("id", "shopper-anna").put("verified", true).put("name", "Anna Schmidt"),
        welcome.getJsonObject("shopper"));
      assertEquals("shopper-anna", shopperOf(welcome.getString("conversationId")));
      assertEquals("shopper-anna", server.value("SELECT shopper_id FROM visitors WHERE id = $1", visitorId));
      assertTrue(client.seen().stream().noneMatch(f -> "error".equals(f.getString("type"))), client.seen().toString());
    }
  }

  @Test
  @DisplayName("exposes the verified shopper on the stored conversation the dialogue reads")
  void conversationRecordCarriesShopper(Vertx vertx) throws Exception {
    String conversationId = conversationWithOneExchange(vertx, visitor(), "shopper-liwei");
    Conversation stored = new ConversationRepository(server.pool()).find(conversationId).await(10, TimeUnit.SECONDS);
    assertEquals("shopper-liwei", stored.shopperId());
    assertTrue(stored.verified());
  }

  @Test
  @DisplayName("stores a verified shopper the chat has not met yet, without a name")
  void newShopper(Vertx vertx) throws Exception {
    String shopperId = "shop-customer-" + UUID.randomUUID();
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitor(), null, null, "zh", token(shopperId));
      assertEquals(new JsonObject().put("id", shopperId).put("verified", true), welcome.getJsonObject("shopper"));
      assertEquals("zh", server.value("SELECT locale FROM shoppers WHERE id = $1", shopperId));
      assertEquals(shopperId, shopperOf(welcome.getString("conversationId")));
    }
  }

  @Test
  @DisplayName("without a token: an anonymous welcome and an anonymous conversation")
  void anonymous(Vertx vertx) throws Exception {
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitor(), null, null, "en");
      assertEquals(new JsonObject().put("verified", false), welcome.getJsonObject("shopper"));
      assertNull(shopperOf(welcome.getString("conversationId")));
    }
  }

  @Test
  @DisplayName("with an expired token: identity_rejected (reason expired) before an anonymous welcome, and the shopper chats on")
  void expiredIdentity(Vertx vertx) throws Exception {
    String expired = SIGNER.sign("shopper-anna", Instant.now().minusSeconds(5));
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitor(), null, null, "en", expired);
      JsonObject error = client.seen().get(0);
      assertEquals("error", error.getString("type"));
      assertEquals("identity_rejected", error.getString("code"));
      assertEquals("expired", error.getString("reason"));
      assertTrue(error.getString("message").contains("expired"), error.getString("message"));
      assertFalse(welcome.getJsonObject("shopper").getBoolean("verified"));
      assertNull(shopperOf(welcome.getString("conversationId")));

      client.say("m-1", "what is your return policy?");
      assertEquals("kb-en-return-policy", client.awaitMessage("bot").getJsonArray("sources").getJsonObject(0)
        .getString("id"));
    }
  }

  @Test
  @DisplayName("with a token signed with another secret, or not a token at all: identity_rejected naming why")
  void forgedOrMalformed(Vertx vertx) throws Exception {
    ShopperIdentity forger = ShopperIdentity.create("not-the-shop-secret-but-long-enough-anyway", Duration.ofDays(1),
      Clock.systemUTC());
    Map<String, String> cases = Map.of(
      forger.sign("shopper-anna", Instant.now().plusSeconds(600)), "bad_signature",
      "shopper-anna", "malformed",
      SIGNER.sign("shopper-anna", Instant.now().plus(Duration.ofDays(30))), "too_long_lived");
    for (var c : cases.entrySet()) {
      try (ChatClient client = connect(vertx)) {
        JsonObject welcome = client.hello(visitor(), null, null, "en", c.getKey());
        JsonObject error = client.seen().get(0);
        assertEquals("identity_rejected", error.getString("code"), c.getValue());
        assertEquals(c.getValue(), error.getString("reason"));
        assertFalse(welcome.getJsonObject("shopper").getBoolean("verified"));
        assertNull(shopperOf(welcome.getString("conversationId")));
      }
    }
  }

  @Test
  @DisplayName("refuses an identity that is not a string as invalid_field, starting nothing")
  void identityNotAString(Vertx vertx) throws Exception {
    String visitorId = visitor();
    try (ChatClient client = connect(vertx)) {
      client.send(new JsonObject().put("type", "hello").put("visitorId", visitorId)
        .put("identity", new JsonObject().put("shopperId", "shopper-anna")));
      JsonObject error = client.awaitError();
      assertEquals("invalid_field", error.getString("code"));
      assertEquals(0, server.count("SELECT count(*) FROM visitors WHERE id = $1", visitorId));
    }
  }

  @Test
  @DisplayName("never resumes one shopper's conversation for another: a new conversation, nothing replayed")
  void anotherShopperGetsANewConversation(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String annas = conversationWithOneExchange(vertx, visitorId, "shopper-anna");
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitorId, annas, 0, "en", token("shopper-james"));
      assertFalse(welcome.getBoolean("resumed"));
      assertNotEquals(annas, welcome.getString("conversationId"));
      assertEquals(0, welcome.getInteger("lastSeq"));
      assertEquals("shopper-james", shopperOf(welcome.getString("conversationId")));
      client.say("m-1", "hello");
      JsonObject first = client.await(f -> "message".equals(f.getString("type")));
      assertEquals(1, first.getInteger("seq"), "Anna's messages are never replayed to James");
    }
    assertEquals("shopper-anna", shopperOf(annas));
  }

  @Test
  @DisplayName("never resumes a shopper's conversation for an anonymous hello, named or the visitor's latest")
  void anonymousGetsANewConversation(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String annas = conversationWithOneExchange(vertx, visitorId, "shopper-anna");
    // The first hello names Anna's conversation; the second names none, and may get the anonymous one the first started.
    for (String named : new String[] {annas, null}) {
      try (ChatClient client = connect(vertx)) {
        JsonObject welcome = client.hello(visitorId, named, 0, "en");
        assertNotEquals(annas, welcome.getString("conversationId"), "named: " + named);
        assertNull(shopperOf(welcome.getString("conversationId")));
        assertTrue(client.seen().stream().noneMatch(f -> "message".equals(f.getString("type"))), client.seen().toString());
      }
    }
  }

  @Test
  @DisplayName("resumes a shopper's own conversation for them, with its history")
  void sameShopperResumes(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String annas = conversationWithOneExchange(vertx, visitorId, "shopper-anna");
    for (String named : new String[] {annas, null}) {
      try (ChatClient client = connect(vertx)) {
        JsonObject welcome = client.hello(visitorId, named, null, "en", token("shopper-anna"));
        assertTrue(welcome.getBoolean("resumed"), "named: " + named);
        assertEquals(annas, welcome.getString("conversationId"));
        assertEquals(List.of(1, 2), List.of(client.awaitMessage("shopper").getInteger("seq"),
          client.awaitMessage("bot").getInteger("seq")));
      }
    }
  }

  @Test
  @DisplayName("keeps the chat of a shopper who signs in mid-conversation, binding it to them")
  void signingInKeepsTheConversation(Vertx vertx) throws Exception {
    String visitorId = visitor();
    String anonymous = conversationWithOneExchange(vertx, visitorId, null);
    try (ChatClient client = connect(vertx)) {
      JsonObject welcome = client.hello(visitorId, anonymous, 2, "en", token("shopper-sofia"));
      assertTrue(welcome.getBoolean("resumed"));
      assertEquals(anonymous, welcome.getString("conversationId"));
      assertEquals("shopper-sofia", welcome.getJsonObject("shopper").getString("id"));
    }
    assertEquals("shopper-sofia", shopperOf(anonymous));
    try (ChatClient client = connect(vertx)) {
      assertFalse(client.hello(visitorId, anonymous, 2, "en").getBoolean("resumed"),
        "once bound, it is the shopper's: signing out does not resume it");
    }
  }
}
