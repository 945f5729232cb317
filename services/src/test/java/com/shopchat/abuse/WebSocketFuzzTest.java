package com.shopchat.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.events.EventParser;
import com.shopchat.events.InvalidEvent;
import com.shopchat.gateway.InboundFrame;
import com.shopchat.gateway.ProtocolError;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzing the chat websocket and the agent console's channel with a seeded generator: every field of every frame
 * type given a wrong type or shape, frames cut off or not objects, 10,000 nested arrays, binary frames. Each bad
 * frame must get exactly one error frame with a documented code (never {@code internal}), the socket must keep
 * serving a normal turn after, and no table may gain a row. ChatProtocolErrorsTest has one case per code; this
 * covers the combinations.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Fuzzed websocket frames")
class WebSocketFuzzTest {

  static final int MUTATED_FRAMES = 300;
  static final int STRUCTURAL_FRAMES = 60;
  static final int BAD_HELLOS = 40;
  static final int AGENT_FRAMES = 150;
  private static final long SEED = 8;
  private static final Set<String> CODES = Set.of("bad_json", "binary_not_supported", "unknown_type",
    "missing_field", "invalid_field", "text_too_long", "frame_too_large", "not_started", "invalid_event",
    "already_started", "not_waiting", "nothing_to_rate");
  private static final InboundFrame.Limits LIMITS = new InboundFrame.Limits(32_768, 2000);
  private static final String PASSWORD = "a long enough staff password";
  private static final String AGENT = "fuzz-agent@shop.test";
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // A frame limit that lets 10,000 nested arrays (20,000 bytes) reach the JSON parser; no rate limit to hide
    // behind.
    server = TestServer.start(vertx, Map.of("MAX_FRAME_BYTES", "32768", "RATE_LIMIT_MESSAGES", "100000"));
    new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher())
      .create(AGENT, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  /** A valid frame of each client type, for the generator to break one field at a time. */
  private static Map<String, JsonObject> templates() {
    Map<String, JsonObject> t = new HashMap<>();
    t.put("hello", new JsonObject().put("type", "hello").put("visitorId", "v-fuzz").put("conversationId", "c-1")
      .put("lastSeq", 0).put("locale", "en").put("identity", "token"));
    t.put("message", new JsonObject().put("type", "message").put("clientMsgId", "m-fuzz").put("text", "hi")
      .put("payload", "/start"));
    t.put("event", new JsonObject().put("type", "event").put("event", new JsonObject().put("id", "e-fuzz")
      .put("type", "search").put("query", "shoes").put("at", Instant.now().toString())));
    t.put("rating", new JsonObject().put("type", "rating").put("rating", 4).put("comment", "ok")
      .put("conversationId", "c-1"));
    t.put("contact", new JsonObject().put("type", "contact").put("email", "shopper@example.com"));
    t.put("typing", new JsonObject().put("type", "typing"));
    return t;
  }

  private static final String[] EVENT_FIELDS = {"id", "type", "sku", "skus", "at", "query", "rating",
    "priceCents", "impressionId", "visitorId"};

  /** One frame with one to three fields broken (a wrong value, or removed); the type itself sometimes. */
  private static JsonObject mutate(Fuzz fuzz, Map<String, JsonObject> templates) {
    String type = fuzz.pick(templates.keySet().stream().sorted().toArray(String[]::new));
    JsonObject frame = templates.get(type).copy();
    int changes = 1 + fuzz.nextInt(3);
    for (int i = 0; i < changes; i++) {
      if (frame.getValue("event") instanceof JsonObject event && fuzz.nextInt(3) > 0) {
        String field = fuzz.pick(EVENT_FIELDS);
        if (fuzz.nextInt(4) == 0) {
          event.remove(field);
        } else {
          event.put(field, fuzz.wrongValue());
        }
        continue;
      }
      List<String> fields = new ArrayList<>(frame.fieldNames());
      String field = fields.get(fuzz.nextInt(fields.size()));
      if (!field.equals("type") && fuzz.nextInt(4) == 0) {
        frame.remove(field);
      } else {
        frame.put(field, fuzz.wrongValue());
      }
    }
    return frame;
  }

  /**
   * Whether the server refuses this frame on a started socket, read with the server's own rules: the frame
   * parser, the event rules, and the frames that are refused for their state (a second hello, a rating with
   * nothing to rate, an email while no person is awaited). Accepted ones (a message, typing, a good event) are
   * not bad input and are skipped.
   */
  private static boolean refused(String raw) {
    InboundFrame frame;
    try {
      frame = InboundFrame.parse(raw, LIMITS);
    } catch (ProtocolError e) {
      return true;
    }
    return switch (frame) {
      case InboundFrame.Message m -> false;
      case InboundFrame.Typing t -> false;
      case InboundFrame.Event e -> {
        try {
          new EventParser(Clock.systemUTC()).fromWidget(e.event(), "v", null);
          yield false;
        } catch (InvalidEvent invalid) {
          yield true;
        }
      }
      default -> true;
    };
  }

  /** Sends every frame, then waits for one error per frame; returns the codes. */
  private static List<String> sendAll(ChatClient client, List<String> frames) throws Exception {
    for (String frame : frames) {
      client.sendText(frame);
    }
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      JsonObject error = client.awaitError();
      assertTrue(error.getString("message", "").length() > 3, error.encode());
      codes.add(error.getString("code"));
    }
    return codes;
  }

  private static void assertDocumented(List<String> codes) {
    for (String code : codes) {
      assertTrue(CODES.contains(code), "undocumented or internal error code: " + code);
    }
  }

  @Test
  @DisplayName("300 frames with broken fields and 60 that are not JSON objects (10,000 nested arrays among them) "
    + "each get one documented error; nothing is stored and the chat goes on")
  void brokenFrames(Vertx vertx) throws Exception {
    Fuzz fuzz = new Fuzz(SEED);
    Map<String, JsonObject> templates = templates();
    List<String> frames = new ArrayList<>();
    for (int tries = 0; frames.size() < MUTATED_FRAMES && tries < 20 * MUTATED_FRAMES; tries++) {
      String raw = mutate(fuzz, templates).encode();
      if (raw.length() <= LIMITS.maxFrameBytes() && refused(raw)) {
        frames.add(raw);
      }
    }
    assertEquals(MUTATED_FRAMES, frames.size());
    frames.add(Fuzz.nestedText(10_000, true));
    frames.add(Fuzz.nestedText(10_000, false));
    frames.add("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    frames.add("{\"type\":\"message\",\"clientMsgId\":\"m-deep\",\"text\":" + Fuzz.nestedText(8_000, true) + "}");
    frames.add("{\"type\":\"event\",\"event\":{\"id\":\"e-deep\",\"type\":\"view\",\"sku\":"
      + Fuzz.nestedText(8_000, true) + ",\"at\":\"" + Instant.now() + "\"}}");
    frames.add("{\"type\":\"hello\",\"visitorId\":\"v\",\"lastSeq\":1e400}");
    frames.add("{\"type\":\"message\",\"clientMsgId\":\"m-x\",\"text\":\"" + "y".repeat(40_000) + "\"}");
    while (frames.size() < MUTATED_FRAMES + STRUCTURAL_FRAMES) {
      frames.add(fuzz.notAnObject(mutate(fuzz, templates).encode()));
    }
    Map<String, Long> before = Rows.count(server);
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      String conversation = client.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
      List<String> codes = sendAll(client, frames);
      assertDocumented(codes);
      client.sendBinary(new byte[] {0, 1, 2});
      assertEquals("binary_not_supported", client.awaitError().getString("code"));
      client.say("m-after", "what is your return policy?");
      client.awaitMessage("bot");
      assertEquals(2, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1", conversation));
    }
    Map<String, Long> after = Rows.count(server);
    // The hello's visitor and conversation, and the normal turn at the end: nothing else.
    before.merge("visitors", 1L, Long::sum);
    before.merge("conversations", 1L, Long::sum);
    before.merge("messages", 2L, Long::sum);
    assertEquals(before, after);
  }

  @Test
  @DisplayName("40 broken hellos on fresh sockets each get an error and start nothing; frames before a hello get "
    + "not_started")
  void brokenHellos(Vertx vertx) throws Exception {
    Fuzz fuzz = new Fuzz(SEED + 1);
    JsonObject hello = templates().get("hello");
    Map<String, Long> before = Rows.count(server);
    int sent = 0;
    for (int tries = 0; sent < BAD_HELLOS && tries < 50 * BAD_HELLOS; tries++) {
      JsonObject frame = hello.copy();
      String field = fuzz.pick(new String[] {"visitorId", "conversationId", "lastSeq", "locale", "identity"});
      frame.put(field, fuzz.wrongValue());
      String raw = frame.encode();
      try {
        InboundFrame.parse(raw, LIMITS);
        continue; // a hello the parser accepts would start a conversation: not bad input
      } catch (ProtocolError expected) {
        sent++;
      }
      try (ChatClient client = ChatClient.connect(vertx, server.port())) {
        client.sendText(raw);
        JsonObject error = client.awaitError();
        assertTrue(Set.of("invalid_field", "missing_field").contains(error.getString("code")),
          error.encode());
        // The socket is still there, and still not started.
        client.send(new JsonObject().put("type", "message").put("clientMsgId", "m-early").put("text", "hi"));
        assertEquals("not_started", client.awaitError().getString("code"));
      }
    }
    assertEquals(BAD_HELLOS, sent);
    assertEquals(before, Rows.count(server));
  }

  @Test
  @DisplayName("150 broken frames on an agent's console channel each get an error; the channel still watches")
  void brokenAgentFrames(Vertx vertx) throws Exception {
    Fuzz fuzz = new Fuzz(SEED + 2);
    AdminClient agent = new AdminClient(vertx, server.port()).loggedIn(AGENT, PASSWORD);
    Map<String, Long> before = Rows.count(server);
    List<String> frames = new ArrayList<>();
    while (frames.size() < AGENT_FRAMES) {
      JsonObject frame = new JsonObject().put("type", "watch").put("conversationId", "c-1");
      switch (fuzz.nextInt(4)) {
        case 0 -> frame.put("type", fuzz.wrongValue());
        case 1 -> frame.put("conversationId", fuzz.wrongValue());
        case 2 -> frame.remove("conversationId");
        default -> {
          frames.add(fuzz.nextInt(2) == 0 ? fuzz.notAnObject(frame.encode()) : Fuzz.nestedText(2_000, true));
          continue;
        }
      }
      String raw = frame.encode();
      // A frame the channel takes (a watch of a well-formed id) is not bad input.
      boolean watch = "watch".equals(frame.getValue("type")) && frame.getValue("conversationId") instanceof String s
        && InboundFrame.ID.matcher(s).matches();
      if (!watch) {
        frames.add(raw);
      }
    }
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
      .setURI("/api/agent/ws").addHeader("Cookie", agent.cookie())
      .addHeader("Origin", "http://127.0.0.1:" + server.port());
    try (ChatClient console = ChatClient.connect(vertx, options)) {
      List<String> codes = sendAll(console, frames);
      assertTrue(Set.of("bad_json", "unknown_type", "invalid_field", "frame_too_large").containsAll(codes),
        codes.toString());
      console.send(new JsonObject().put("type", "watch").put("conversationId", "c-after"));
      assertEquals("c-after", console.await(f -> "watching".equals(f.getString("type"))).getString("conversationId"));
      assertFalse(console.closed());
    }
    assertEquals(before, Rows.count(server));
  }
}
