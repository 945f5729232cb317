package com.shopchat.experiment;

import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * {@code /api/admin/experiments}: create (as a draft), list, read with live results, start and stop (rolling out
 * a winner) recommendation experiments. The routes assume the staff guards ran first (admin role, CSRF on
 * writes); a refused request changes nothing and answers 400, 404 or 409 with the usual error object.
 */
public final class ExperimentAdminApi {

  private static final long MAX_BODY = 16 * 1024;

  private final ExperimentService experiments;

  public ExperimentAdminApi(ExperimentService experiments) {
    this.experiments = experiments;
  }

  /** Adds the routes under {@code base} (e.g. {@code /api/admin/experiments}); guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.get(base).handler(this::list);
    router.post(base).handler(this::create);
    router.get(base + "/:id").handler(this::get);
    router.post(base + "/:id/start").handler(ctx -> answer(ctx, experiments.start(ctx.pathParam("id"))));
    router.post(base + "/:id/stop").handler(this::stop);
  }

  private void list(RoutingContext ctx) {
    Future.all(experiments.list(), experiments.settings()).onSuccess(all -> {
      JsonArray list = new JsonArray();
      all.<List<Experiment>>resultAt(0).forEach(e -> list.add(ExperimentFields.json(e)));
      ExperimentRepository.Settings settings = all.resultAt(1);
      ctx.json(new JsonObject().put("experiments", list).put("settings", new JsonObject()
        .put("strategy", settings.strategy().wire()).put("cardsEnabled", settings.cardsEnabled())
        .put("experimentId", settings.experimentId())));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    ExperimentFields.Definition definition;
    try {
      definition = ExperimentFields.definition(JsonBodies.object(ctx));
    } catch (ExperimentFields.Invalid e) {
      throw new ApiError(400, "invalid_field", e.getMessage());
    }
    experiments.create(definition).onSuccess(created -> {
      ctx.response().setStatusCode(201).putHeader("Location", ctx.request().path() + "/" + created.id());
      ctx.json(ExperimentFields.json(created));
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    experiments.report(ctx.pathParam("id"))
      .map(report -> ExperimentFields.json(report.experiment()).put("results", ExperimentFields.json(report.results())))
      .onSuccess(ctx::json).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private void stop(RoutingContext ctx) {
    // No body, or one without a winner: stop and keep the current default.
    JsonObject body = ctx.body().length() <= 0 ? new JsonObject() : JsonBodies.object(ctx);
    Object winner = body.getValue("winner");
    if (winner != null && !(winner instanceof String)) {
      throw new ApiError(400, "invalid_field", "winner must be the name of one of the experiment's variants");
    }
    answer(ctx, experiments.stop(ctx.pathParam("id"), (String) winner));
  }

  private static void answer(RoutingContext ctx, Future<Experiment> change) {
    change.onSuccess(e -> ctx.json(ExperimentFields.json(e))).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private static Throwable httpError(Throwable failure) {
    if (failure instanceof ExperimentException e) {
      int status = switch (e.kind()) {
        case NOT_FOUND -> 404;
        case INVALID -> 400;
        case CONFLICT -> 409;
      };
      return new ApiError(status, e.code(), e.getMessage());
    }
    return failure;
  }
}
