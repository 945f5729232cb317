package com.shopchat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.TcpProxy;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Liveness and readiness (on a server with metrics switched off)")
class HealthTest {

  private static final Duration BOUND = Duration.ofSeconds(15);

  private static TcpProxy proxy;
  private static TestServer server;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // The server reaches PostgreSQL only through the proxy, which the test can cut and restore.
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    server = TestServer.start(vertx, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port()),
      "HEALTH_DB_TIMEOUT_MS", "500", "METRICS_ENABLED", "false"));
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    http.close();
    // Closing Vert.x closes the proxy and its connections too.
    server.stop(vertx);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(server.port(), "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
  }

  /** Asks until the answer has {@code status}, within {@link #BOUND}; returns that answer (or the last). */
  private static HttpResponse<Buffer> awaitStatus(Vertx vertx, String uri, int status) throws Exception {
    long deadline = System.nanoTime() + BOUND.toNanos();
    HttpResponse<Buffer> response = get(uri);
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      vertx.timer(100).await(1, TimeUnit.SECONDS);
      response = get(uri);
    }
    return response;
  }

  /** The status of the check with that id in a health answer's {@code checks}. */
  private static String check(HttpResponse<Buffer> response, String id) {
    JsonArray checks = response.bodyAsJsonObject().getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (id.equals(checks.getJsonObject(i).getString("id"))) {
        return checks.getJsonObject(i).getString("status");
      }
    }
    return null;
  }

  @Test
  @Order(1)
  @DisplayName("answers liveness with 200 and status UP while the server serves")
  void live() throws Exception {
    HttpResponse<Buffer> response = get("/health/live");
    assertEquals(200, response.statusCode());
    assertEquals("UP", response.bodyAsJsonObject().getString("status"));
  }

  @Test
  @Order(2)
  @DisplayName("answers readiness with 200 and every check UP: database, NLU model, knowledge index, not draining")
  void ready() throws Exception {
    HttpResponse<Buffer> response = get("/health/ready");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("UP", response.bodyAsJsonObject().getString("status"));
    for (String id : new String[] {"database", "nlu", "knowledge", "draining"}) {
      assertEquals("UP", check(response, id), id);
    }
  }

  @Test
  @Order(3)
  @DisplayName("serves no /metrics when METRICS_ENABLED is false: 404 in the API's error shape")
  void metricsOff() throws Exception {
    HttpResponse<Buffer> response = get("/metrics");
    assertEquals(404, response.statusCode());
    assertEquals("not_found", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @Order(4)
  @DisplayName("turns readiness to 503 naming the database when PostgreSQL becomes unreachable, keeps liveness at 200, and recovers by itself when it is back")
  void databaseDownThenBack(Vertx vertx) throws Exception {
    proxy.cut();
    HttpResponse<Buffer> down = awaitStatus(vertx, "/health/ready", 503);
    assertEquals(503, down.statusCode(), down.bodyAsString());
    assertEquals("DOWN", down.bodyAsJsonObject().getString("status"));
    assertEquals("DOWN", check(down, "database"));
    assertEquals("UP", check(down, "nlu"));
    assertEquals(200, get("/health/live").statusCode());

    proxy.restore();
    HttpResponse<Buffer> up = awaitStatus(vertx, "/health/ready", 200);
    assertEquals(200, up.statusCode(), up.bodyAsString());
    assertEquals("UP", check(up, "database"));
    assertEquals(200, get("/health/live").statusCode());
  }

  @Test
  @Order(5)
  @DisplayName("turns readiness to 503 once the node drains, while liveness stays 200")
  void draining() throws Exception {
    server.app().health().drain();
    HttpResponse<Buffer> response = get("/health/ready");
    assertEquals(503, response.statusCode());
    assertEquals("DOWN", check(response, "draining"));
    assertEquals("UP", check(response, "database"));
    assertTrue(server.app().health().draining());
    assertEquals(200, get("/health/live").statusCode());
  }
}
