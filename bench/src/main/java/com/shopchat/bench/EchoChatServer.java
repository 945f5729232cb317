package com.shopchat.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * The ceiling for {@link ChatLoadBench}: a bare Vert.x websocket server that speaks just enough of the chat
 * protocol (welcome, the shopper's echo with a seq, an instant "bot" reply with {@code replyTo}) for the same
 * client harness to drive it, with no database, NLU or dialogue behind it.
 *
 * <p>Like the real server it is one verticle, so every socket lives on one event loop, and it parses and writes
 * JSON per frame: what is left between it and the bot is the work the platform does per turn.
 *
 * <p>Usage: {@code java -cp services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.EchoChatServer
 * <port>}
 */
public final class EchoChatServer extends VerticleBase {

  private final int port;
  private HttpServer server;

  private EchoChatServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
    EchoChatServer echo = new EchoChatServer(port);
    vertx.deployVerticle(echo)
      .onSuccess(id -> System.out.println("listening on port " + echo.server.actualPort()))
      .onFailure(e -> {
        System.err.println("echo server could not start: " + e.getMessage());
        vertx.close().onComplete(v -> System.exit(1));
      });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
      .requestHandler(this::request)
      .listen()
      .onSuccess(s -> server = s);
  }

  private void request(HttpServerRequest req) {
    if ("/health".equals(req.path())) {
      req.response().putHeader("content-type", "application/json").end("{\"status\":\"up\"}");
    } else if ("/chat/ws".equals(req.path())) {
      req.toWebSocket().onSuccess(EchoChatServer::converse);
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  private static void converse(ServerWebSocket ws) {
    // One counter per socket, touched only on its event loop, like a conversation's seq.
    int[] seq = {0};
    ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type", "")) {
        case "hello" -> ws.writeTextMessage(new JsonObject().put("type", "welcome")
          .put("conversationId", "c-echo").put("visitorId", frame.getString("visitorId")).put("resumed", false)
          .put("lastSeq", 0).encode());
        case "message" -> {
          int shopper = ++seq[0];
          ws.writeTextMessage(new JsonObject().put("type", "message").put("seq", shopper).put("from", "shopper")
            .put("clientMsgId", frame.getString("clientMsgId")).put("text", frame.getString("text")).encode());
          ws.writeTextMessage(new JsonObject().put("type", "message").put("seq", ++seq[0]).put("from", "bot")
            .put("replyTo", shopper).put("text", frame.getString("text"))
            .put("intent", new JsonObject().put("name", "echo").put("confidence", 1.0)).encode());
        }
        default -> ws.writeTextMessage("{\"type\":\"error\",\"code\":\"unknown_type\",\"message\":\"echo\"}");
      }
    });
  }
}
