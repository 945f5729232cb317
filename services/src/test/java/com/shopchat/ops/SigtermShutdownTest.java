package com.shopchat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ChatClient;
import com.shopchat.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: the server as its own JVM ({@code com.shopchat.Main serve} from the test classpath), stopped
 * with SIGTERM ({@link ProcessHandle#destroy()} on Linux) while websocket clients send as fast as they are answered.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("SIGTERM")
class SigtermShutdownTest {

  private static final int GRACE_SECONDS = 5;
  /** Main's allowance after the grace for closing the pool, the model and Vert.x. */
  private static final int RELEASE_SECONDS = 5;
  private static final int CLIENTS = 4;
  private static final int ACKS_BEFORE_SIGTERM = 15;
  private static TestDatabase db;
  private static Pool pool;
  private static int port;
  private static final List<Server> STARTED = new ArrayList<>();

  @BeforeAll
  static void database(Vertx vertx) throws IOException {
    db = TestDatabase.fresh();
    // Connects lazily: the database is created by the first server.
    pool = PgBuilder.pool().connectingTo(db.pg().connectOptions()).using(vertx).build();
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
  }

  @AfterAll
  static void drop() throws Exception {
    // A failed test may leave a child running; it must be gone before its database is dropped.
    for (Server server : STARTED) {
      server.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    pool.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  @Test
  @DisplayName("SIGTERM during load loses no acknowledged message: each is stored exactly once with its bot reply, every client is told to reconnect and closed with 1012, the JVM exits with 143 within the grace, and on a second server over the same database a client resumes with lastSeq and goes on.")
  void sigtermDuringLoad(Vertx vertx, @TempDir Path workDir) throws Exception {
    Server first = Server.start(workDir, "first");
    List<LoadClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(LoadClient.start(vertx, "v-sigterm-" + i));
    }
    for (LoadClient client : clients) {
      assertTrue(client.acked.await(30, TimeUnit.SECONDS), () -> "no load from " + client.visitorId + "\n" + first.log());
    }

    Duration took = first.sigterm();
    assertEquals(143, first.process.exitValue(), first::log);
    assertTrue(took.compareTo(Duration.ofSeconds(GRACE_SECONDS + RELEASE_SECONDS)) < 0, "stopped in " + took);
    assertTrue(first.log().contains("stopping: draining"), first::log);

    for (LoadClient client : clients) {
      assertEquals((short) 1012, client.closed.get(10, TimeUnit.SECONDS), client.visitorId);
      assertTrue(client.toldToReconnect, client.visitorId + " got no reconnect frame");
      assertTrue(client.acks().size() >= ACKS_BEFORE_SIGTERM);
      for (Map.Entry<String, Integer> ack : client.acks().entrySet()) {
        // Stored exactly once, under the seq it was acknowledged with, and answered before the pool closed.
        assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2",
          client.conversationId, ack.getKey()), ack.getKey());
        assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND client_msg_id = $2"
          + " AND seq = $3", client.conversationId, ack.getKey(), ack.getValue()), ack.getKey());
        assertEquals(1, count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'"
          + " AND reply_to_seq = $2", client.conversationId, ack.getValue()), "bot reply to " + ack.getKey());
      }
    }

    Server second = Server.start(workDir, "second");
    try {
      LoadClient client = clients.get(0);
      int lastSeq = client.highestSeq();
      int storedSeq = (int) count("SELECT last_seq FROM conversations WHERE id = $1", client.conversationId);
      try (ChatClient resumed = ChatClient.connect(vertx, port)) {
        JsonObject welcome = resumed.hello(client.visitorId, client.conversationId, lastSeq, "en");
        assertTrue(welcome.getBoolean("resumed"));
        assertEquals(storedSeq, welcome.getInteger("lastSeq"));
        // What the client had not seen is replayed in order, nothing it had seen again.
        for (int seq = lastSeq + 1; seq <= storedSeq; seq++) {
          int expected = seq;
          resumed.await(f -> "message".equals(f.getString("type")) && f.getInteger("seq") == expected);
        }
        // Resent like the widget's outbox: whatever was sent and neither echoed nor replayed, with its clientMsgId.
        Set<String> replayed = resumed.seen().stream().map(f -> f.getString("clientMsgId"))
          .filter(id -> id != null).collect(Collectors.toSet());
        for (String unacked : client.unacked()) {
          if (replayed.contains(unacked)) {
            continue;
          }
          resumed.send(new JsonObject().put("type", "message").put("clientMsgId", unacked).put("text", "resent"));
          resumed.await(f -> unacked.equals(f.getString("clientMsgId")));
        }
        resumed.say("m-after-restart", "what is your return policy?");
        JsonObject echo = resumed.await(f -> "m-after-restart".equals(f.getString("clientMsgId")));
        resumed.await(f -> "bot".equals(f.getString("from")) && echo.getInteger("seq").equals(f.getInteger("replyTo")));
        List<Integer> seen = resumed.seen().stream().filter(f -> "message".equals(f.getString("type")))
          .map(f -> f.getInteger("seq")).toList();
        assertEquals(seen.stream().distinct().toList(), seen, "a seq shown twice: " + seen);
      }
      long stored = count("SELECT count(*) FROM messages WHERE conversation_id = $1", client.conversationId);
      assertEquals(stored, count("SELECT max(seq) FROM messages WHERE conversation_id = $1", client.conversationId),
        "seqs have a gap");
    } finally {
      second.sigterm();
      assertEquals(143, second.process.exitValue(), second::log);
    }
  }

  private static long count(String sql, Object... params) throws Exception {
    Row row = pool.preparedQuery(sql).execute(Tuple.from(params)).await(10, TimeUnit.SECONDS).iterator().next();
    return ((Number) row.getValue(0)).longValue();
  }

  /** The server in a child JVM; its output (stdout and stderr) is collected for failure messages. */
  private record Server(Process process, StringBuffer output, CompletableFuture<Void> outputEnded) {

    static Server start(Path workDir, String name) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "com.shopchat.Main", "serve");
      // No config.json of the developer's: the child runs in an empty directory.
      builder.directory(workDir.toFile());
      builder.redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.equals("ALLOWED_ORIGINS") || k.startsWith("SHOP_API") || k.equals("CONFIG_FILE"));
      env.put("PGDATABASE", db.pg().database());
      env.put("HTTP_HOST", "127.0.0.1");
      env.put("HTTP_PORT", String.valueOf(port));
      env.put("NLU_MODEL_DIR", "baseline");
      env.put("EMBEDDED_PG", "false");
      env.put("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE_SECONDS));
      // The load is one client per socket as fast as it is answered: well over the per-socket default.
      env.put("RATE_LIMIT_MESSAGES", "100000");
      env.put("RATE_LIMIT_WINDOW_SECONDS", "1");
      Process process = builder.start();
      Server server = new Server(process, new StringBuffer(), new CompletableFuture<>());
      STARTED.add(server);
      CompletableFuture<Void> listening = new CompletableFuture<>();
      Thread reader = new Thread(() -> server.read(listening), "child-output-" + name);
      reader.setDaemon(true);
      reader.start();
      try {
        listening.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new AssertionError("the " + name + " server did not start: " + e + "\n" + server.log());
      }
      return server;
    }

    private void read(CompletableFuture<Void> listening) {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.contains("listening on port")) {
            listening.complete(null);
          }
        }
        listening.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
      } catch (IOException | InterruptedException e) {
        listening.completeExceptionally(e);
      }
      outputEnded.complete(null);
    }

    /**
     * Sends SIGTERM and waits, with a bound, for the JVM to exit and its output to be read to the end; returns
     * how long it took to exit.
     */
    Duration sigterm() throws Exception {
      long signalled = System.nanoTime();
      // SIGTERM on Linux, as Process.destroy() sends — but that one also closes our end of the child's output,
      // and the drain's log lines are part of what is checked.
      assertTrue(process.toHandle().destroy(), "SIGTERM not sent");
      assertTrue(process.waitFor(GRACE_SECONDS + RELEASE_SECONDS + 5, TimeUnit.SECONDS),
        () -> "still running after SIGTERM\n" + log());
      Duration took = Duration.ofNanos(System.nanoTime() - signalled);
      outputEnded.get(10, TimeUnit.SECONDS);
      return took;
    }

    String log() {
      return output.toString();
    }
  }

  /**
   * A shopper's client under load: after the welcome it sends a message, and the next as soon as the echo (the
   * acknowledgement) comes back; it stops sending when told to reconnect. Handlers run on a Vert.x event loop.
   */
  private static final class LoadClient {

    final String visitorId;
    final CountDownLatch acked = new CountDownLatch(ACKS_BEFORE_SIGTERM);
    final CompletableFuture<Short> closed = new CompletableFuture<>();
    // clientMsgId → the seq its echo carried, in sending order.
    private final Map<String, Integer> acks = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final WebSocketClient client;
    private volatile String conversationId;
    private volatile boolean toldToReconnect;
    private int highestSeq;

    private LoadClient(Vertx vertx, String visitorId) {
      this.visitorId = visitorId;
      this.client = vertx.createWebSocketClient();
    }

    static LoadClient start(Vertx vertx, String visitorId) throws Exception {
      LoadClient load = new LoadClient(vertx, visitorId);
      WebSocket ws = load.client.connect(port, "127.0.0.1", "/chat/ws").await(10, TimeUnit.SECONDS);
      ws.textMessageHandler(text -> load.onFrame(ws, new JsonObject(text)));
      ws.closeHandler(v -> load.closed.complete(ws.closeStatusCode()));
      ws.writeTextMessage(new JsonObject().put("type", "hello").put("visitorId", visitorId).put("locale", "en")
        .encode());
      return load;
    }

    private synchronized void onFrame(WebSocket ws, JsonObject frame) {
      switch (frame.getString("type")) {
        case "welcome" -> {
          conversationId = frame.getString("conversationId");
          sendNext(ws);
        }
        case "message" -> {
          highestSeq = Math.max(highestSeq, frame.getInteger("seq"));
          String id = frame.getString("clientMsgId");
          if ("shopper".equals(frame.getString("from")) && id != null && acks.putIfAbsent(id, frame.getInteger("seq")) == null) {
            acked.countDown();
            sendNext(ws);
          }
        }
        case "reconnect" -> toldToReconnect = true;
        default -> { }
      }
    }

    private void sendNext(WebSocket ws) {
      if (toldToReconnect) {
        return;
      }
      String id = "m-" + visitorId + "-" + sent.size();
      sent.add(id);
      ws.writeTextMessage(new JsonObject().put("type", "message").put("clientMsgId", id)
        .put("text", sent.size() % 2 == 0 ? "what is your return policy?" : "how long does delivery take?").encode());
    }

    synchronized Map<String, Integer> acks() {
      return new LinkedHashMap<>(acks);
    }

    synchronized List<String> unacked() {
      return sent.stream().filter(id -> !acks.containsKey(id)).toList();
    }

    synchronized int highestSeq() {
      return highestSeq;
    }
  }
}
