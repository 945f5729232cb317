package com.shopchat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.support.DemoShopFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo shop API as any HTTP client sees it: the key, the error shape, and bad input that changes nothing. */
@DisplayName("The demo shop API over HTTP")
class DemoShopApiTest {

  private static Vertx vertx;
  private static DemoShopFixture demo;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    demo = DemoShopFixture.start(vertx);
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    demo.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void resetOrders() throws Exception {
    demo.resetOrders();
  }

  private static HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return web.request(method, demo.port(), "127.0.0.1", uri).putHeader(HttpShopBackend.API_KEY_HEADER,
      DemoShopFixture.API_KEY);
  }

  private static HttpResponse<Buffer> post(String uri, String body) throws Exception {
    return request(HttpMethod.POST, uri).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return request(HttpMethod.GET, uri).send().await(10, TimeUnit.SECONDS);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"), response.bodyAsString());
  }

  @Test
  @DisplayName("Without the API key, or with a wrong one, every endpoint answers 401 unauthorized, naming the header.")
  void apiKey() throws Exception {
    String right = DemoShopFixture.API_KEY;
    for (String key : new String[] {null, "", "wrong", right.toUpperCase(), right + "x", right.substring(1)}) {
      HttpRequest<Buffer> request = web.get(demo.port(), "127.0.0.1", "/api/orders/MT-100002");
      if (key != null) {
        request.putHeader(HttpShopBackend.API_KEY_HEADER, key);
      }
      HttpResponse<Buffer> response = request.send().await(10, TimeUnit.SECONDS);
      assertError(response, 401, "unauthorized");
      assertEquals("missing or wrong X-Shop-Api-Key header",
        response.bodyAsJsonObject().getJsonObject("error").getString("message"));
    }
    List<String> before = demo.ordersAndRefunds();
    assertError(web.post(demo.port(), "127.0.0.1", "/api/orders/MT-100004/cancel")
      .sendJsonObject(new JsonObject()).await(10, TimeUnit.SECONDS), 401, "unauthorized");
    assertEquals(before, demo.ordersAndRefunds());
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
      Arguments.of("/api/orders/MT-100004/cancel", "not json", "bad_json"),
      Arguments.of("/api/orders/MT-100004/cancel", "", "bad_json"),
      Arguments.of("/api/orders/MT-100004/cancel", "[\"reason\"]", "bad_json"),
      Arguments.of("/api/orders/MT-100004/cancel", "{\"reason\": 42}", "invalid_field"),
      Arguments.of("/api/orders/MT-100004/cancel", "{\"reason\": \"" + "x".repeat(501) + "\"}", "invalid_field"),
      Arguments.of("/api/orders/MT-100004/address", "{\"name\": \"A\", \"line1\": \"B 1\", \"city\": \"C\","
        + " \"postcode\": 10115, \"country\": \"DE\"}", "invalid_field"),
      Arguments.of("/api/orders/MT-100004/address", "{\"name\": [\"A\"]}", "invalid_field"),
      Arguments.of("/api/orders/MT-100004/address", "{\"name\": \"A\"", "bad_json"),
      Arguments.of("/api/orders/MT-100017/returns", "null", "bad_json"),
      Arguments.of("/api/orders/MT-100017/returns", "{\"reason\": {\"why\": \"x\"}}", "invalid_field"));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("badBodies")
  @DisplayName("A malformed body is answered 400 with the error shape, and no order or refund changes.")
  void badBody(String uri, String body, String code) throws Exception {
    List<String> before = demo.ordersAndRefunds();
    assertError(post(uri, body), 400, code);
    assertEquals(before, demo.ordersAndRefunds());
  }

  @Test
  @DisplayName("A body over 16 KiB is answered 413 and changes nothing.")
  void bodyTooLarge() throws Exception {
    List<String> before = demo.ordersAndRefunds();
    assertError(post("/api/orders/MT-100004/cancel", "{\"reason\": \"" + "x".repeat(20_000) + "\"}"), 413,
      "too_large");
    assertEquals(before, demo.ordersAndRefunds());
  }

  @Test
  @DisplayName("Bad search parameters are answered 400: a limit out of range, a price that is no whole number, min above max.")
  void badSearch() throws Exception {
    for (String query : List.of("limit=0", "limit=51", "limit=ten", "minPrice=-1", "maxPrice=9.99",
        "minPrice=5000&maxPrice=100", "q=" + "x".repeat(201))) {
      assertError(get("/api/products?" + query), 400, "invalid_field");
    }
    assertError(get("/api/shoppers/shopper-anna/orders?limit=100"), 400, "invalid_field");
  }

  @Test
  @DisplayName("A refused change is 409 with the order; an undeliverable address 422; an unknown order 404.")
  void statusCodes() throws Exception {
    HttpResponse<Buffer> shipped = post("/api/orders/MT-100002/cancel", "{}");
    assertEquals(409, shipped.statusCode());
    assertEquals(new JsonObject().put("done", false).put("code", "already_shipped").put("status", "shipped"),
      new JsonObject().put("done", shipped.bodyAsJsonObject().getBoolean("done"))
        .put("code", shipped.bodyAsJsonObject().getString("code"))
        .put("status", shipped.bodyAsJsonObject().getJsonObject("order").getString("status")));
    assertEquals(422, post("/api/orders/MT-100004/address", "{\"name\": \"A\"}").statusCode());
    assertError(post("/api/orders/MT-999999/cancel", "{}"), 404, "not_found");
    assertError(get("/api/orders/MT-999999"), 404, "not_found");
    assertError(get("/api/orders/MT-100002/refund"), 404, "not_found");
  }

  @Test
  @DisplayName("An endpoint that does not exist is 404 not_found, behind the key like the others.")
  void unknownEndpoint() throws Exception {
    assertError(get("/api/customers"), 404, "not_found");
    assertError(get("/"), 404, "not_found");
    assertError(web.get(demo.port(), "127.0.0.1", "/api/customers").send().await(10, TimeUnit.SECONDS), 401,
      "unauthorized");
  }
}
