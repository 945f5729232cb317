package com.shopchat.profile;

import com.shopchat.http.ApiError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * {@code GET /api/admin/shoppers/{key}/profile}: what the platform knows of a shopper's taste, for staff. The key
 * is a shopper id, or a visitor id for someone who never signed in. Staff sessions and roles are checked by the
 * router in front of every {@code /api/admin} route.
 */
public final class ShopperProfileApi {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private final ProfileService profiles;

  public ShopperProfileApi(ProfileService profiles) {
    this.profiles = profiles;
  }

  /** Adds the route under {@code base} (e.g. {@code /api/admin/shoppers}). */
  public void route(Router router, String base) {
    router.get(base + "/:key/profile").handler(this::profile);
  }

  private void profile(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    if (key == null || !KEY.matcher(key).matches()) {
      ctx.fail(new ApiError(400, "invalid_field", "the key must be 1-128 visible ASCII characters"));
      return;
    }
    profiles.profile(key, key).onSuccess(p -> ctx.json(ProfileJson.toJson(p))).onFailure(ctx::fail);
  }
}
