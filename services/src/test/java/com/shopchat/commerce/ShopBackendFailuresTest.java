package com.shopchat.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client against a stand-in shop in trouble: a tiny HTTP server on port 0 that counts what reaches it. */
@DisplayName("The shop backend client when the shop is in trouble")
class ShopBackendFailuresTest {

  private static final String KEY = "stub-key";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Vertx vertx;
  private StubShop stub;
  private HttpShopBackend shop;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    shop.close();
    stub.server.close().await(10, TimeUnit.SECONDS);
  }

  /** A shop that answers every request with {@code answer}, and remembers "METHOD path key" of each. */
  private static final class StubShop {
    final List<String> seen = new CopyOnWriteArrayList<>();
    volatile Handler<HttpServerRequest> answer;
    HttpServer server;

    String baseUrl() {
      return "http://127.0.0.1:" + server.actualPort();
    }
  }

  /** Starts the stub shop and a client of it: 10 ms backoff, and the given timeout, retries and breaker. */
  private void start(Handler<HttpServerRequest> answer, long timeoutMillis, int retries, int breakerMaxFailures,
                     long breakerResetMillis) throws Exception {
    stub = new StubShop();
    stub.answer = answer;
    stub.server = vertx.createHttpServer().requestHandler(request -> {
      stub.seen.add(request.method() + " " + request.path() + " " + request.getHeader(HttpShopBackend.API_KEY_HEADER));
      stub.answer.handle(request);
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    shop = HttpShopBackend.create(vertx, HttpShopBackend.Options.of(stub.baseUrl(), KEY, timeoutMillis)
      .withRetries(retries, 10).withBreaker(breakerMaxFailures, breakerResetMillis));
  }

  /** The default timeout and retries, and a breaker that stays closed. */
  private void start(Handler<HttpServerRequest> answer) throws Exception {
    start(answer, 2000, 2, 1000, 60_000);
  }

  private static Handler<HttpServerRequest> status(int status) {
    return request -> request.response().setStatusCode(status).end();
  }

  private static Exception failure(Future<?> call) {
    return assertThrows(Exception.class, () -> call.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  @DisplayName("A GET answered 503 is tried three times in all, each with the API key, then fails as unavailable.")
  void getsAreRetried() throws Exception {
    start(status(503));
    Exception e = failure(shop.order("MT-100001"));
    assertInstanceOf(BackendUnavailableException.class, e);
    assertTrue(e.getMessage().contains("server error (HTTP 503)"), e.getMessage());
    assertEquals(List.of("GET /api/orders/MT-100001 stub-key", "GET /api/orders/MT-100001 stub-key",
      "GET /api/orders/MT-100001 stub-key"), stub.seen);
  }

  @Test
  @DisplayName("A cancel, an address change or a return answered 503 is sent once and never again.")
  void postsAreNeverRetried() throws Exception {
    start(status(503));
    assertInstanceOf(BackendUnavailableException.class, failure(shop.cancel("MT-100004", "oops")));
    assertInstanceOf(BackendUnavailableException.class, failure(shop.changeAddress("MT-100004",
      new Address("A", "B 1", "C", "12345", "DE"))));
    assertInstanceOf(BackendUnavailableException.class, failure(shop.startReturn("MT-100004", null)));
    assertEquals(List.of("POST /api/orders/MT-100004/cancel stub-key", "POST /api/orders/MT-100004/address stub-key",
      "POST /api/orders/MT-100004/returns stub-key"), stub.seen);
  }

  @Test
  @DisplayName("A shop that never answers fails the call once the timeout is up, and it is not tried again.")
  void timeout() throws Exception {
    start(request -> { }, 300, 2, 1000, 60_000);
    long started = System.nanoTime();
    Exception e = failure(shop.order("MT-100001"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertInstanceOf(BackendUnavailableException.class, e);
    assertInstanceOf(TimeoutException.class, e.getCause());
    assertTrue(took.toMillis() >= 300 && took.toMillis() < 2000, "took " + took);
    assertEquals(1, stub.seen.size());
  }

  @Test
  @DisplayName("After repeated failures the circuit opens: calls fail at once and no longer reach the shop.")
  void circuitOpens() throws Exception {
    start(status(500), 2000, 0, 3, 60_000);
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(BackendUnavailableException.class, failure(shop.product("AP-1001")));
    }
    assertEquals(3, stub.seen.size());

    long started = System.nanoTime();
    Exception open = failure(shop.product("AP-1001"));
    Exception openPost = failure(shop.cancel("MT-100004", null));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertInstanceOf(BackendUnavailableException.class, open);
    assertInstanceOf(OpenCircuitException.class, open.getCause());
    assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
    assertInstanceOf(OpenCircuitException.class, openPost.getCause());
    assertEquals(3, stub.seen.size());
    assertTrue(took.toMillis() < 1000, "took " + took);
  }

  @Test
  @DisplayName("When the shop is back, the open circuit lets a call through after its reset time and closes again.")
  void circuitCloses() throws Exception {
    start(status(503), 2000, 0, 2, 200);
    failure(shop.policies());
    failure(shop.policies());
    assertInstanceOf(OpenCircuitException.class, failure(shop.policies()).getCause());
    String policies = CommerceJson.toJson(new ShopPolicies(List.of(), List.of("PayPal"), 30, 500, "EUR")).encode();
    stub.answer = request -> request.response().putHeader("content-type", "application/json").end(policies);

    long deadline = System.nanoTime() + WAIT.toNanos();
    ShopPolicies answered = null;
    while (answered == null && System.nanoTime() < deadline) {
      try {
        answered = shop.policies().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (BackendUnavailableException stillOpen) {
        vertx.timer(50).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    assertEquals(List.of("PayPal"), answered.paymentMethods());
    int reached = stub.seen.size();
    assertEquals(30, shop.policies().await(WAIT.toMillis(), TimeUnit.MILLISECONDS).returnWindowDays());
    assertEquals(reached + 1, stub.seen.size());
  }

  @Test
  @DisplayName("An answer that is not the API's JSON fails as unavailable, without quoting it.")
  void unreadableAnswer() throws Exception {
    start(request -> request.response().end("<html>maintenance: write to ops@example.com</html>"));
    Exception e = failure(shop.order("MT-100001"));
    assertInstanceOf(BackendUnavailableException.class, e);
    assertEquals("shop backend: order lookup: unreadable answer (HTTP 200)", e.getMessage());
    assertEquals(1, stub.seen.size());
  }

  @Test
  @DisplayName("A 400 means this client sent nonsense: it fails with the shop's error code and is not retried.")
  void badRequest() throws Exception {
    start(request -> request.response().setStatusCode(400).putHeader("content-type", "application/json")
      .end("{\"error\":{\"code\":\"invalid_field\",\"message\":\"limit must be between 1 and 50\"}}"));
    Exception e = failure(shop.ordersOf("shopper-anna", 500));
    assertInstanceOf(IllegalStateException.class, e);
    assertTrue(e.getMessage().contains("HTTP 400 invalid_field: limit must be between 1 and 50"), e.getMessage());
    assertEquals(List.of("GET /api/shoppers/shopper-anna/orders stub-key"), stub.seen);
  }
}
