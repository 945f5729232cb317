package com.shopchat.commerce;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's API over HTTP (docs/shop-api.md), sent with the shop's API key. Each request is timed out on its
 * own; GETs that fail to connect or get a server error are tried again after a short, doubling pause; POSTs never
 * are. A circuit breaker counts those failures and, once the shop keeps failing, fails calls at once until it
 * lets one through to see whether the shop is back.
 *
 * <p>Nothing here logs request or answer bodies: they hold shoppers' emails and addresses.
 */
public final class HttpShopBackend implements ShopBackend {

  /** The header that carries the shop's API key. */
  public static final String API_KEY_HEADER = "X-Shop-Api-Key";

  private static final Logger LOG = LoggerFactory.getLogger(HttpShopBackend.class);
  /** Beyond this many cached products the cache starts over (a catalog's busy part fits many times over). */
  private static final int MAX_CACHED_PRODUCTS = 20_000;

  private final Vertx vertx;
  private final Options options;
  private final WebClient client;
  private final CircuitBreaker breaker;
  /**
   * Product lookups by SKU, each kept for {@link Options#productCacheMillis()}: a turn's suggestions look up
   * several products, and the same ones recur across shoppers. A lookup in flight is shared by whoever asks meanwhile;
   * a failed one is not kept.
   */
  private final Map<String, CachedProduct> products = new ConcurrentHashMap<>();

  private record CachedProduct(Future<Product> product, long expiresNanos) {}

  private HttpShopBackend(Vertx vertx, Options options, WebClient client, CircuitBreaker breaker) {
    this.vertx = vertx;
    this.options = options;
    this.client = client;
    this.breaker = breaker;
  }

  public static HttpShopBackend create(Vertx vertx, Options options) {
    // Vert.x's default of 5 connections queues a busy chat's lookups (a suggestion alone looks up several products).
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("shopchat-shop-client"),
      new PoolOptions().setHttp1MaxSize(options.maxConnections()));
    CircuitBreaker breaker = CircuitBreaker.create("shop-backend", vertx, new CircuitBreakerOptions()
        .setMaxFailures(options.breakerMaxFailures())
        .setResetTimeout(options.breakerResetMillis())
        // Each request carries its own timeout, which also ends the request; the breaker only counts.
        .setTimeout(-1)
        // Nobody listens for the breaker's metrics on the event bus; publishing them would only run a timer.
        .setNotificationAddress(null))
      .openHandler(v -> LOG.warn("shop backend keeps failing: circuit open, calls fail at once for {} ms",
        options.breakerResetMillis()))
      .closeHandler(v -> LOG.info("shop backend answers again: circuit closed"));
    return new HttpShopBackend(vertx, options, client, breaker);
  }

  @Override
  public Future<Order> order(String orderNumber) {
    return fetch("order lookup", orderPath(orderNumber), Map.of(), CommerceJson::toOrder, null);
  }

  @Override
  public Future<List<Order>> ordersOf(String shopperId, int limit) {
    return fetch("orders of a shopper", "/api/shoppers/" + segment(shopperId) + "/orders", limit(limit),
      body -> CommerceJson.list(body.getJsonArray("orders"), CommerceJson::toOrder), List.of());
  }

  @Override
  public Future<ActionResult> cancel(String orderNumber, String reason) {
    return act("cancel", orderPath(orderNumber) + "/cancel", new JsonObject().put("reason", reason));
  }

  @Override
  public Future<ActionResult> changeAddress(String orderNumber, Address address) {
    return act("address change", orderPath(orderNumber) + "/address",
      address == null ? new JsonObject() : address.toJson());
  }

  @Override
  public Future<ActionResult> startReturn(String orderNumber, String reason) {
    return act("return", orderPath(orderNumber) + "/returns", new JsonObject().put("reason", reason));
  }

  @Override
  public Future<Refund> refund(String orderNumber) {
    return fetch("refund lookup", orderPath(orderNumber) + "/refund", Map.of(), CommerceJson::toRefund, null);
  }

  @Override
  public Future<List<Product>> searchProducts(ProductQuery q) {
    Map<String, Object> params = new LinkedHashMap<>(limit(q.limit()));
    params.put("q", q.text());
    params.put("category", q.category());
    params.put("brand", q.brand());
    params.put("minPrice", q.minPriceCents());
    params.put("maxPrice", q.maxPriceCents());
    params.put("color", q.color());
    params.put("size", q.size());
    return fetch("product search", "/api/products", params,
      body -> CommerceJson.list(body.getJsonArray("products"), CommerceJson::toProduct), List.of());
  }

  @Override
  public Future<Product> product(String sku) {
    if (options.productCacheMillis() <= 0) {
      return lookUp(sku);
    }
    long now = System.nanoTime();
    CachedProduct cached = products.get(sku);
    if (cached != null && now - cached.expiresNanos() < 0) {
      return cached.product();
    }
    if (products.size() >= MAX_CACHED_PRODUCTS) {
      products.clear();
    }
    Future<Product> lookup = lookUp(sku);
    CachedProduct entry = new CachedProduct(lookup, now + TimeUnit.MILLISECONDS.toNanos(options.productCacheMillis()));
    products.put(sku, entry);
    lookup.onFailure(e -> products.remove(sku, entry));
    return lookup;
  }

  private Future<Product> lookUp(String sku) {
    return fetch("product lookup", "/api/products/" + segment(sku), Map.of(), CommerceJson::toProduct, null);
  }

  @Override
  public Future<ShopPolicies> policies() {
    return fetch("policies", "/api/policies", Map.of(), CommerceJson::toPolicies, null);
  }

  /** Stops the breaker's timers and the client's connections. */
  public void close() {
    breaker.close();
    client.close();
  }

  /** A GET: its answer read on 200, {@code absent} on 404. */
  private <T> Future<T> fetch(String operation, String path, Map<String, ?> query, Function<JsonObject, T> read,
                              T absent) {
    return exchange(operation, () -> request(HttpMethod.GET, path, query).send(), options.retries())
      .compose(response -> switch (response.statusCode()) {
        case 200 -> decode(operation, response, read);
        case 404 -> Future.succeededFuture(absent);
        default -> Future.failedFuture(refused(operation, response));
      });
  }

  /**
   * A POST that changes an order. Never retried: when the answer is lost the shop may still have acted, and a
   * second cancel or return must not follow on the shopper's behalf.
   */
  private Future<ActionResult> act(String operation, String path, JsonObject body) {
    return exchange(operation, () -> request(HttpMethod.POST, path, Map.of()).sendJsonObject(body), 0)
      .compose(response -> switch (response.statusCode()) {
        case 200 -> decode(operation, response, CommerceJson::toActionResult);
        case 409, 422 -> decode(operation, response, CommerceJson::toActionResult)
          .map(refused -> new ActionResult(false, refused.code(), refused.order()));
        case 404 -> Future.succeededFuture(new ActionResult(false, "not_found", null));
        default -> Future.failedFuture(refused(operation, response));
      });
  }

  /** One call through the breaker, tried again up to {@code retries} times; any failure is the backend's unavailability. */
  private Future<HttpResponse<Buffer>> exchange(String operation, Supplier<Future<HttpResponse<Buffer>>> send,
                                                int retries) {
    return attempt(send, retries, options.retryBackoffMillis())
      .recover(failure -> Future.failedFuture(unavailable(operation, failure)));
  }

  private Future<HttpResponse<Buffer>> attempt(Supplier<Future<HttpResponse<Buffer>>> send, int retriesLeft,
                                               long backoffMillis) {
    return breaker.<HttpResponse<Buffer>>execute(() -> send.get().compose(HttpShopBackend::failOnServerError))
      .recover(failure -> retriesLeft > 0 && retryable(failure)
        ? vertx.timer(backoffMillis).compose(v -> attempt(send, retriesLeft - 1, backoffMillis * 2))
        : Future.failedFuture(failure));
  }

  /**
   * An open circuit is already the answer. A timeout is not tried again either: the shop is slow rather than
   * gone, and another try would double both the shopper's wait and the shop's load.
   */
  private static boolean retryable(Throwable failure) {
    return !(failure instanceof OpenCircuitException) && !(failure instanceof TimeoutException);
  }

  /** A 5xx fails the attempt, so the breaker counts it; every other status is an answer. */
  private static Future<HttpResponse<Buffer>> failOnServerError(HttpResponse<Buffer> response) {
    return response.statusCode() >= 500
      ? Future.failedFuture(new ServerError(response.statusCode()))
      : Future.succeededFuture(response);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, Map<String, ?> query) {
    HttpRequest<Buffer> request = client.requestAbs(method, options.baseUrl() + path)
      .putHeader(API_KEY_HEADER, options.apiKey())
      .connectTimeout(options.timeoutMillis())
      .timeout(options.timeoutMillis());
    query.forEach((name, value) -> {
      if (value != null && !value.toString().isBlank()) {
        request.addQueryParam(name, value.toString());
      }
    });
    return request;
  }

  private static <T> Future<T> decode(String operation, HttpResponse<Buffer> response, Function<JsonObject, T> read) {
    try {
      return Future.succeededFuture(read.apply(response.bodyAsJsonObject()));
    } catch (RuntimeException e) {
      // The message would quote the body; the cause keeps it for whoever debugs with the stack trace.
      return Future.failedFuture(new BackendUnavailableException(
        "shop backend: " + operation + ": unreadable answer (HTTP " + response.statusCode() + ")", e));
    }
  }

  /** A 4xx other than 404, 409 and 422: the key was refused (the shop is unusable), or this client sent nonsense. */
  private static RuntimeException refused(String operation, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      return new BackendUnavailableException("shop backend: " + operation + ": the API key was refused (HTTP "
        + status + "); check SHOP_API_KEY");
    }
    JsonObject error = errorOf(response);
    return new IllegalStateException("shop backend: " + operation + ": request refused (HTTP " + status + " "
      + error.getString("code", "?") + ": " + error.getString("message", "") + ")");
  }

  private static JsonObject errorOf(HttpResponse<Buffer> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      JsonObject error = body == null ? null : body.getJsonObject("error");
      return error == null ? new JsonObject() : error;
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  private static BackendUnavailableException unavailable(String operation, Throwable failure) {
    String why;
    if (failure instanceof OpenCircuitException) {
      why = "circuit open after repeated failures";
    } else if (failure instanceof TimeoutException) {
      why = "no answer within the timeout";
    } else if (failure instanceof ServerError error) {
      why = "server error (HTTP " + error.status + ")";
    } else {
      why = "cannot reach it (" + failure.getMessage() + ")";
    }
    return new BackendUnavailableException("shop backend: " + operation + ": " + why, failure);
  }

  /** A limit the caller left at 0 is the shop's default. */
  private static Map<String, Object> limit(int limit) {
    return limit > 0 ? Map.of("limit", limit) : Map.of();
  }

  private static String orderPath(String orderNumber) {
    return "/api/orders/" + segment(orderNumber);
  }

  /** One path segment, so an order number with a slash or a question mark stays one. */
  private static String segment(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A 5xx answer, as the failure of an attempt. */
  private static final class ServerError extends RuntimeException {
    private final int status;

    ServerError(int status) {
      super("HTTP " + status, null, false, false);
      this.status = status;
    }
  }

  /**
   * Where the shop's API is and how patiently to talk to it. {@code baseUrl} is the API's root, without a
   * trailing slash ({@code https://shop.example}); {@code retries} further tries of a failed GET, the first
   * after {@code retryBackoffMillis}, each next after twice as long; the breaker opens after
   * {@code breakerMaxFailures} failed attempts within 10 s and lets one through again after
   * {@code breakerResetMillis}; at most {@code maxConnections} to the shop at once; a product looked up is reused
   * for {@code productCacheMillis} (0: never).
   */
  public record Options(String baseUrl, String apiKey, long timeoutMillis, int retries, long retryBackoffMillis,
                        int breakerMaxFailures, long breakerResetMillis, int maxConnections,
                        long productCacheMillis) {

    public Options {
      baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Two retries 100 then 200 ms apart; the circuit opens after 5 failures for 30 s; up to 32 connections; every
     * product looked up afresh.
     */
    public static Options of(String baseUrl, String apiKey, long timeoutMillis) {
      return new Options(baseUrl, apiKey, timeoutMillis, 2, 100, 5, 30_000, 32, 0);
    }

    public Options withRetries(int retries, long retryBackoffMillis) {
      return new Options(baseUrl, apiKey, timeoutMillis, retries, retryBackoffMillis, breakerMaxFailures,
        breakerResetMillis, maxConnections, productCacheMillis);
    }

    public Options withBreaker(int breakerMaxFailures, long breakerResetMillis) {
      return new Options(baseUrl, apiKey, timeoutMillis, retries, retryBackoffMillis, breakerMaxFailures,
        breakerResetMillis, maxConnections, productCacheMillis);
    }

    /** A product looked up is reused for {@code millis} (its price and stock may be that old); 0: never. */
    public Options withProductCache(long millis) {
      return new Options(baseUrl, apiKey, timeoutMillis, retries, retryBackoffMillis, breakerMaxFailures,
        breakerResetMillis, maxConnections, millis);
    }
  }
}
