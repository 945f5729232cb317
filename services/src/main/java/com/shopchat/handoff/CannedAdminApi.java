package com.shopchat.handoff;

import com.shopchat.admin.StaffAuth;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * {@code /api/admin/canned}: admins edit the agents' canned replies — list, add
 * ({@code {"id","locale","title","text"}}), change ({@code PUT /{id}/{locale}} with title and text), delete. Agent
 * consoles read them at sign-in. The routes assume the staff guards ran first (admin role, CSRF on writes); a
 * refused request changes nothing: 400 {@code invalid_field}/{@code unknown_field}, 404, 409 {@code exists}.
 */
public final class CannedAdminApi {

  private static final Set<String> NEW_FIELDS = Set.of("id", "locale", "title", "text");
  private static final Set<String> EDIT_FIELDS = Set.of("title", "text");

  private final CannedReplies canned;

  public CannedAdminApi(CannedReplies canned) {
    this.canned = canned;
  }

  /** Adds the routes under {@code base}; guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router.get(base).handler(ctx -> canned.repository().list()
      .onSuccess(all -> ctx.json(new JsonObject().put("replies", new JsonArray(all))
        .put("placeholders", new JsonArray(CannedReplies.PLACEHOLDERS))))
      .onFailure(ctx::fail));
    router.post(base).handler(this::create);
    router.put(base + "/:id/:locale").handler(this::update);
    router.delete(base + "/:id/:locale").handler(ctx -> {
      key(ctx);
      canned.repository().delete(ctx.pathParam("id"), ctx.pathParam("locale")).onSuccess(deleted -> {
        if (deleted) {
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.fail(notFound());
        }
      }).onFailure(ctx::fail);
    });
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.onlyFields(JsonBodies.object(ctx), NEW_FIELDS);
    if (!(body.getValue("id") instanceof String id) || !CannedReplies.ID.matcher(id).matches()) {
      throw new ApiError(400, "invalid_field", "id must be 1 to 40 of a-z 0-9 _ -");
    }
    if (!CannedReplies.LOCALES.contains(body.getValue("locale"))) {
      throw new ApiError(400, "invalid_field", "locale must be en or zh");
    }
    CannedReplies.check(body.getValue("title"), body.getValue("text"));
    canned.repository().create(id, body.getString("locale"), body.getString("title").strip(),
        body.getString("text").strip(), StaffAuth.user(ctx).id())
      .onSuccess(created -> {
        if (created == null) {
          ctx.fail(new ApiError(409, "exists", "there is a reply " + id + " in " + body.getString("locale")
            + " already: change that one"));
          return;
        }
        ctx.response().setStatusCode(201);
        ctx.json(created);
      }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    key(ctx);
    JsonObject body = JsonBodies.onlyFields(JsonBodies.object(ctx), EDIT_FIELDS);
    CannedReplies.check(body.getValue("title"), body.getValue("text"));
    canned.repository().update(ctx.pathParam("id"), ctx.pathParam("locale"), body.getString("title").strip(),
        body.getString("text").strip(), StaffAuth.user(ctx).id())
      .onSuccess(changed -> {
        if (changed == null) {
          ctx.fail(notFound());
        } else {
          ctx.json(changed);
        }
      }).onFailure(ctx::fail);
  }

  private static void key(RoutingContext ctx) {
    if (!CannedReplies.ID.matcher(ctx.pathParam("id")).matches()
        || !CannedReplies.LOCALES.contains(ctx.pathParam("locale"))) {
      throw notFound();
    }
  }

  private static ApiError notFound() {
    return new ApiError(404, "not_found", "no such canned reply");
  }
}
