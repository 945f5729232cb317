package com.shopchat.http;

import com.shopchat.identity.Shopper;
import com.shopchat.identity.ShopperIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's make-believe sign-in, routed only while the demo data is on: {@code GET /demo/shoppers} lists
 * the demo shoppers, {@code GET /demo/identity?shopper=ID} signs an identity token for one of them, as a real
 * shop's backend would for its signed-in shopper. Anyone may ask, so no real shop may run with it.
 */
public final class DemoSignInHandler {

  private final ShopperIdentity identity;
  private final Map<String, Shopper> shoppers = new LinkedHashMap<>();

  public DemoSignInHandler(ShopperIdentity identity, List<Shopper> demoShoppers) {
    this.identity = identity;
    demoShoppers.forEach(s -> shoppers.put(s.id(), s));
  }

  /** Adds the two routes. */
  public void route(Router router) {
    router.get("/demo/shoppers").handler(this::list);
    router.get("/demo/identity").handler(this::sign);
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    shoppers.values().forEach(s -> list.add(json(s)));
    ctx.json(new JsonObject().put("shoppers", list));
  }

  private void sign(RoutingContext ctx) {
    String id = ctx.queryParams().get("shopper");
    if (id == null || id.isBlank()) {
      ctx.fail(new ApiError(400, "missing_parameter", "name the demo shopper: /demo/identity?shopper=shopper-anna"));
      return;
    }
    Shopper shopper = shoppers.get(id);
    if (shopper == null) {
      ctx.fail(new ApiError(404, "unknown_shopper", "no demo shopper '" + abbreviate(id) + "'; see /demo/shoppers"));
      return;
    }
    ShopperIdentity.Signed signed = identity.issue(shopper.id());
    // The token is a credential: no cache keeps it.
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.json(new JsonObject().put("shopper", json(shopper)).put("token", signed.token())
      .put("expiresAt", signed.expiresAt().toString()));
  }

  private static JsonObject json(Shopper shopper) {
    return new JsonObject().put("id", shopper.id()).put("name", shopper.name());
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
