package com.shopchat;

import com.shopchat.config.AppConfig;
import com.shopchat.config.ConfigException;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar chatbot.jar [serve]}: loads the configuration and runs the platform. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    if (!command.equals("serve")) {
      System.err.println("usage: java -jar chatbot.jar [serve]");
      System.exit(2);
    }
    AppConfig config;
    try {
      config = EmbeddedPostgres.ensureReachable(AppConfig.load(System.getenv()));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    serve(config);
  }

  private static void serve(AppConfig config) {
    Vertx vertx = Vertx.vertx();
    MainVerticle app = new MainVerticle(config);
    vertx.deployVerticle(app)
      .onSuccess(id -> System.out.printf("%nShopChat is running. Open http://localhost:%d/ for the demo shop and its chat.%n%n",
        app.port()))
      .onFailure(e -> {
        System.err.println("ShopChat could not start: " + e.getMessage());
        vertx.close().onComplete(v -> System.exit(1));
      });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CountDownLatch closed = new CountDownLatch(1);
      vertx.close().onComplete(v -> closed.countDown());
      try {
        closed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      EmbeddedPostgres.stop();
    }, "shutdown"));
  }
}
