import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes real conversations through a running server's chat websocket, with the JDK alone (run as
 * {@code java bin/ops/ChatSeed.java PORT CONVERSATIONS MESSAGES}): each visitor says hello and sends its messages
 * one at a time, waiting for the bot's answer to each. Used by bin/backup-restore-check to have chats to back up.
 */
public final class ChatSeed {

  private static final String[] QUESTIONS = {
    "how long does delivery take?", "what is your return policy?", "do you ship to Canada?",
    "退货政策是什么？", "can I pay with PayPal?", "where is my order?"
  };

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int conversations = Integer.parseInt(args[1]);
    int messages = Integer.parseInt(args[2]);
    HttpClient http = HttpClient.newHttpClient();
    for (int c = 0; c < conversations; c++) {
      LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
      WebSocket ws = http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/ws"), new Collector(frames))
        .get(10, TimeUnit.SECONDS);
      ws.sendText("{\"type\":\"hello\",\"visitorId\":\"v-backup-check-" + c + "\",\"locale\":\"en\"}", true)
        .get(10, TimeUnit.SECONDS);
      await(frames, "\"type\":\"welcome\"");
      for (int m = 0; m < messages; m++) {
        String text = QUESTIONS[(c + m) % QUESTIONS.length];
        ws.sendText("{\"type\":\"message\",\"clientMsgId\":\"m-" + c + "-" + m + "\",\"text\":\"" + text + "\"}", true)
          .get(10, TimeUnit.SECONDS);
        await(frames, "\"from\":\"bot\"");
      }
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
    System.out.printf("wrote %d conversations of %d shopper messages, each answered by the bot%n",
      conversations, messages);
  }

  /** The next frame containing {@code marker}, within 20 s; others are skipped. */
  private static void await(LinkedBlockingQueue<String> frames, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (frame == null) {
        throw new IllegalStateException("no frame with " + marker + " within 20 s");
      }
      if (frame.contains(marker)) {
        return;
      }
    }
  }

  /** Collects whole text frames (the JDK hands them over in parts). */
  private record Collector(LinkedBlockingQueue<String> frames, StringBuilder partial) implements WebSocket.Listener {

    Collector(LinkedBlockingQueue<String> frames) {
      this(frames, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }
  }
}
