package com.shopchat.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted shopper over the real websocket: says something (or taps a quick reply) and gets the bot's
 * answer to exactly that message back.
 */
public final class Shopper implements AutoCloseable {

  private final ChatClient client;
  private final String visitorId;
  private final String conversationId;
  private final String connection = Long.toString(System.nanoTime(), 36);
  private int sent;

  private Shopper(ChatClient client, String visitorId, String conversationId) {
    this.client = client;
    this.visitorId = visitorId;
    this.conversationId = conversationId;
  }

  /** Connects and says hello as {@code visitorId}, starting or resuming {@code conversationId} (may be null). */
  public static Shopper connect(Vertx vertx, int port, String visitorId, String conversationId, String locale)
    throws Exception {
    return connect(vertx, port, new JsonObject().put("visitorId", visitorId).put("locale", locale)
      .put("conversationId", conversationId));
  }

  /** Connects and sends this hello (type added); the welcome names the conversation. */
  public static Shopper connect(Vertx vertx, int port, JsonObject hello) throws Exception {
    ChatClient client = ChatClient.connect(vertx, port);
    JsonObject frame = hello.copy().put("type", "hello");
    frame.getMap().values().removeIf(v -> v == null);
    client.send(frame);
    JsonObject welcome = client.await(f -> "welcome".equals(f.getString("type")));
    return new Shopper(client, hello.getString("visitorId"), welcome.getString("conversationId"));
  }

  public String conversationId() {
    return conversationId;
  }

  public ChatClient client() {
    return client;
  }

  /** Says {@code text} and returns the bot's reply to it. */
  public JsonObject says(String text) throws Exception {
    return send(new JsonObject().put("text", text));
  }

  /** Taps the quick reply with that payload (its title is sent as the text) and returns the bot's reply. */
  public JsonObject taps(JsonObject reply, String payload) throws Exception {
    JsonArray buttons = reply.getJsonArray("quickReplies", new JsonArray());
    for (int i = 0; i < buttons.size(); i++) {
      JsonObject button = buttons.getJsonObject(i);
      if (payload.equals(button.getString("payload"))) {
        return send(new JsonObject().put("text", button.getString("title")).put("payload", payload));
      }
    }
    throw new AssertionError("no quick reply " + payload + " in " + reply.encode());
  }

  private JsonObject send(JsonObject message) throws Exception {
    // Unique per connection too: a reconnecting shopper's ids must not repeat the last connection's.
    String id = visitorId + "-" + connection + "-" + (++sent);
    client.send(message.put("type", "message").put("clientMsgId", id));
    JsonObject echo = client.await(f -> "message".equals(f.getString("type")) && id.equals(f.getString("clientMsgId")));
    int seq = echo.getInteger("seq");
    return client.await(f -> "message".equals(f.getString("type")) && "bot".equals(f.getString("from"))
      && Integer.valueOf(seq).equals(f.getInteger("replyTo")));
  }

  /** The payloads of a reply's quick replies. */
  public static List<String> payloads(JsonObject reply) {
    List<String> out = new ArrayList<>();
    reply.getJsonArray("quickReplies", new JsonArray()).forEach(b -> out.add(((JsonObject) b).getString("payload")));
    return out;
  }

  /** The intent a bot reply was given for. */
  public static String intent(JsonObject reply) {
    JsonObject intent = reply.getJsonObject("intent");
    return intent == null ? null : intent.getString("name");
  }

  @Override
  public void close() {
    client.close();
  }
}
