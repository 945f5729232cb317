package com.shopchat.demo;

import com.shopchat.commerce.ActionResult;
import com.shopchat.commerce.Address;
import com.shopchat.commerce.CommerceJson;
import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.commerce.ProductQuery;
import com.shopchat.commerce.ShopBackend;
import com.shopchat.http.ApiError;
import com.shopchat.http.ErrorHandler;
import com.shopchat.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;

/**
 * The shop API (docs/shop-api.md) over any {@link ShopBackend}, here the demo shop's tables. Every request needs
 * the API key; malformed input is answered 400 before the backend is asked, so it changes nothing.
 */
public final class DemoShopApi {

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 50;
  static final int MAX_REASON = 500;
  static final int MAX_QUERY_TEXT = 200;
  /** Bodies are a reason or an address: a few hundred bytes. */
  static final int BODY_LIMIT = 16 * 1024;

  private static final List<String> ADDRESS_FIELDS = List.of("name", "line1", "city", "postcode", "country");

  private DemoShopApi() {
  }

  public static Router router(Vertx vertx, ShopBackend shop, String apiKey) {
    byte[] key = apiKey.getBytes(StandardCharsets.UTF_8);
    Router router = Router.router(vertx);
    router.route("/api/*").handler(ctx -> requireKey(ctx, key));
    router.get("/api/orders/:number").handler(ctx ->
      reply(ctx, shop.order(ctx.pathParam("number")), CommerceJson::toJson, "order"));
    router.get("/api/shoppers/:id/orders").handler(ctx -> shop.ordersOf(ctx.pathParam("id"), limit(ctx))
      .onSuccess(orders -> ctx.json(new JsonObject().put("orders", array(orders, CommerceJson::toJson))))
      .onFailure(ctx::fail));
    router.get("/api/orders/:number/refund").handler(ctx ->
      reply(ctx, shop.refund(ctx.pathParam("number")), CommerceJson::toJson, "refund"));
    router.post().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post("/api/orders/:number/cancel").handler(ctx ->
      act(ctx, shop.cancel(ctx.pathParam("number"), reason(JsonBodies.object(ctx)))));
    router.post("/api/orders/:number/address").handler(ctx ->
      act(ctx, shop.changeAddress(ctx.pathParam("number"), address(JsonBodies.object(ctx)))));
    router.post("/api/orders/:number/returns").handler(ctx ->
      act(ctx, shop.startReturn(ctx.pathParam("number"), reason(JsonBodies.object(ctx)))));
    router.get("/api/products").handler(ctx -> shop.searchProducts(query(ctx))
      .onSuccess(products -> ctx.json(new JsonObject().put("products", array(products, CommerceJson::toJson))))
      .onFailure(ctx::fail));
    router.get("/api/products/:sku").handler(ctx ->
      reply(ctx, shop.product(ctx.pathParam("sku")), CommerceJson::toJson, "product"));
    router.get("/api/policies").handler(ctx -> reply(ctx, shop.policies(), CommerceJson::toJson, "policies"));
    router.route().handler(ctx -> ctx.fail(new ApiError(404, "not_found", "no such endpoint")));
    router.route().failureHandler(new ErrorHandler());
    return router;
  }

  /** Compared in constant time, so the key cannot be guessed from how fast a wrong one is refused. */
  private static void requireKey(RoutingContext ctx, byte[] key) {
    String sent = ctx.request().getHeader(HttpShopBackend.API_KEY_HEADER);
    if (sent == null || !MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(new ApiError(401, "unauthorized", "missing or wrong " + HttpShopBackend.API_KEY_HEADER + " header"));
      return;
    }
    ctx.next();
  }

  private static <T> void reply(RoutingContext ctx, Future<T> lookup, Function<T, JsonObject> json, String what) {
    lookup.onSuccess(found -> {
      if (found == null) {
        ctx.fail(new ApiError(404, "not_found", "no such " + what));
      } else {
        ctx.json(json.apply(found));
      }
    }).onFailure(ctx::fail);
  }

  /** 200 when done; 409 when the order's state forbids it, 422 for an address the shop cannot ship to. */
  private static void act(RoutingContext ctx, Future<ActionResult> action) {
    action.onSuccess(result -> {
      if (!result.done() && "not_found".equals(result.code())) {
        ctx.fail(new ApiError(404, "not_found", "no such order"));
        return;
      }
      int status = result.done() ? 200 : OrderRules.INVALID_ADDRESS.equals(result.code()) ? 422 : 409;
      ctx.response().setStatusCode(status);
      ctx.json(CommerceJson.toJson(result));
    }).onFailure(ctx::fail);
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> json) {
    JsonArray out = new JsonArray();
    items.forEach(item -> out.add(json.apply(item)));
    return out;
  }

  private static String reason(JsonObject body) {
    Object value = body.getValue("reason");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String reason) || reason.length() > MAX_REASON) {
      throw new ApiError(400, "invalid_field", "'reason' must be a string of at most " + MAX_REASON + " characters");
    }
    return reason.isBlank() ? null : reason.trim();
  }

  /** The address as sent; a field of the wrong type is a 400, a blank or unknown one the backend's 422. */
  private static Address address(JsonObject body) {
    for (String field : ADDRESS_FIELDS) {
      Object value = body.getValue(field);
      if (value != null && !(value instanceof String)) {
        throw new ApiError(400, "invalid_field", "'" + field + "' must be a string");
      }
    }
    return Address.fromJson(body);
  }

  private static ProductQuery query(RoutingContext ctx) {
    Long min = number(ctx, "minPrice");
    Long max = number(ctx, "maxPrice");
    if (min != null && max != null && min > max) {
      throw new ApiError(400, "invalid_field", "minPrice is above maxPrice");
    }
    return new ProductQuery(text(ctx, "q"), text(ctx, "category"), text(ctx, "brand"), min, max, text(ctx, "color"),
      text(ctx, "size"), limit(ctx));
  }

  private static int limit(RoutingContext ctx) {
    Long limit = number(ctx, "limit");
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new ApiError(400, "invalid_field", "limit must be between 1 and " + MAX_LIMIT);
    }
    return limit == null ? DEFAULT_LIMIT : limit.intValue();
  }

  /** A whole number that is not negative (prices are in cents), or null when absent. */
  private static Long number(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(raw.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, "invalid_field", name + " must be a whole number of at least 0");
  }

  private static String text(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value != null && value.length() > MAX_QUERY_TEXT) {
      throw new ApiError(400, "invalid_field", name + " is longer than " + MAX_QUERY_TEXT + " characters");
    }
    return value;
  }
}
