package com.shopchat.promotion;

import com.shopchat.admin.StaffAuth;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.store.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;

/**
 * {@code /api/admin/promotions}: list, create (inactive), read, edit, activate and deactivate coupons the bot offers
 * in the chat, and read each one's results. The routes assume the staff guards ran first (admin role, CSRF on
 * writes); a refused request changes nothing and answers 400, 404 or 409 with the usual error object.
 */
public final class PromotionAdminApi {

  private static final long MAX_BODY = 16 * 1024;

  private final PromotionRepository promotions;

  public PromotionAdminApi(PromotionRepository promotions) {
    this.promotions = promotions;
  }

  /** Adds the routes under {@code base}; guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.get(base).handler(this::list);
    router.post(base).handler(this::create);
    router.get(base + "/:id").handler(ctx -> answer(ctx, promotions.find(ctx.pathParam("id"))));
    router.put(base + "/:id").handler(this::update);
    router.post(base + "/:id/activate").handler(ctx -> answer(ctx, promotions.setActive(ctx.pathParam("id"), true)));
    router.post(base + "/:id/deactivate")
      .handler(ctx -> answer(ctx, promotions.setActive(ctx.pathParam("id"), false)));
    router.get(base + "/:id/results").handler(this::results);
  }

  private void list(RoutingContext ctx) {
    promotions.list().onSuccess(all -> {
      JsonArray list = new JsonArray();
      all.forEach(p -> list.add(PromotionFields.json(p)));
      ctx.json(new JsonObject().put("promotions", list));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    PromotionFields.Definition definition = PromotionFields.definition(JsonBodies.object(ctx));
    StaffUser who = StaffAuth.user(ctx);
    String id = "promo-" + UUID.randomUUID().toString().substring(0, 8);
    promotions.create(id, definition, who == null ? null : who.email()).onSuccess(created -> {
      ctx.response().setStatusCode(201).putHeader("Location", ctx.request().path() + "/" + created.id());
      ctx.json(PromotionFields.json(created));
    }).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private void update(RoutingContext ctx) {
    PromotionFields.Definition definition = PromotionFields.definition(JsonBodies.object(ctx));
    answer(ctx, promotions.update(ctx.pathParam("id"), definition));
  }

  private void results(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    promotions.find(id).compose(p -> p == null ? Future.failedFuture(notFound())
        : promotions.results(id).map(r -> PromotionFields.json(p).put("results", PromotionFields.json(r))))
      .onSuccess(ctx::json).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private static void answer(RoutingContext ctx, Future<Promotion> change) {
    change.compose(p -> p == null ? Future.failedFuture(notFound()) : Future.succeededFuture(p))
      .onSuccess(p -> ctx.json(PromotionFields.json(p))).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private static ApiError notFound() {
    return new ApiError(404, "not_found", "no promotion with this id");
  }

  private static Throwable httpError(Throwable failure) {
    if (failure instanceof PromotionRepository.CodeTakenException e) {
      return new ApiError(409, "code_taken", e.getMessage());
    }
    return failure;
  }
}
