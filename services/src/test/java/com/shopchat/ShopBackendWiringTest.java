package com.shopchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.shopchat.commerce.CommerceJson;
import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.commerce.Order;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The server's shop backend")
class ShopBackendWiringTest {

  @Test
  @DisplayName("Without SHOP_API_URL, the server starts the demo shop backend, hands out a client of it, and stops it.")
  void demoShopBackend() throws Exception {
    Vertx vertx = Vertx.vertx();
    int demoPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      demoPort = probe.getLocalPort();
    }
    TestServer server = TestServer.start(vertx, Map.of("DEMO_SHOP_PORT", String.valueOf(demoPort)));
    WebClient web = WebClient.create(vertx);
    try {
      Order order = server.app().shopBackend().order("MT-100002").await(10, TimeUnit.SECONDS);
      assertEquals(Order.SHIPPED, order.status());
      assertEquals(401, web.get(demoPort, "127.0.0.1", "/api/policies").send().await(10, TimeUnit.SECONDS)
        .statusCode());

      server.stopApp(vertx);
      Exception refused = assertThrows(Exception.class,
        () -> web.get(demoPort, "127.0.0.1", "/api/policies").send().await(10, TimeUnit.SECONDS));
      assertInstanceOf(ConnectException.class, refused);
    } finally {
      web.close();
      server.stop(vertx);
    }
  }

  @Test
  @DisplayName("With SHOP_API_URL and SHOP_API_KEY, the client asks that shop with that key.")
  void configuredShop() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<String> seen = new CopyOnWriteArrayList<>();
    JsonObject order = new JsonObject().put("number", "EX-1").put("status", "paid").put("totalCents", 1200)
      .put("currency", "EUR");
    HttpServer shop = vertx.createHttpServer().requestHandler(request -> {
      seen.add(request.path() + " " + request.getHeader(HttpShopBackend.API_KEY_HEADER));
      request.response().putHeader("content-type", "application/json").end(order.encode());
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    TestServer server = TestServer.start(vertx, Map.of("SHOP_API_URL", "http://127.0.0.1:" + shop.actualPort(),
      "SHOP_API_KEY", "the-shops-key"));
    try {
      assertEquals(CommerceJson.toOrder(order), server.app().shopBackend().order("EX-1").await(10, TimeUnit.SECONDS));
      assertEquals(List.of("/api/orders/EX-1 the-shops-key"), seen);
    } finally {
      server.stop(vertx);
    }
  }
}
