package com.shopchat.learning;

import com.shopchat.admin.EntryFields;
import com.shopchat.admin.StaffAuth;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.nlu.Understanding;
import com.shopchat.store.KnowledgeEditRepository;
import com.shopchat.store.KnowledgeRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /api/admin/learning}: the NLU inbox (list, review), the reviewed corpus as JSON Lines, retrains with their
 * progress, the stored model versions (promote, roll back), and knowledge gaps turned into draft entries. The routes
 * assume the staff guards ran first (admin role, CSRF on writes); a refused request changes nothing.
 */
public final class LearningAdminApi {

  private static final long MAX_BODY = 16 * 1024;
  private static final int MAX_LIMIT = 200;
  private static final int GAP_WINDOW = 500;
  private static final int MAX_GAP_ITEMS = 50;
  private static final int MAX_TITLE = 200;
  private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[0-9a-f]{1,64}");

  private final LearningRepository repository;
  private final Retraining retraining;
  private final Supplier<List<String>> intents;
  private final KnowledgeEditRepository knowledge;

  /**
   * {@code retraining} is {@code null} when no transformer serves (the rule-based baseline): the inbox still
   * fills and is reviewed, retrains are refused. {@code intents}: what a reviewer may choose.
   */
  public LearningAdminApi(LearningRepository repository, Retraining retraining, Supplier<List<String>> intents,
                          KnowledgeEditRepository knowledge) {
    this.repository = repository;
    this.retraining = retraining;
    this.intents = intents;
    this.knowledge = knowledge;
  }

  /** Adds the routes under {@code base}; guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.get(base + "/inbox").handler(this::inbox);
    router.post(base + "/inbox/:id/review").handler(this::review);
    router.get(base + "/corpus").handler(this::corpus);
    router.get(base + "/retrain").handler(ctx -> ctx.json(retraining().status()));
    router.post(base + "/retrain").handler(this::retrain);
    router.get(base + "/models").handler(this::models);
    router.post(base + "/models/:version/promote").handler(this::promote);
    router.post(base + "/rollback").handler(ctx -> answer(ctx, retraining().rollback()));
    router.get(base + "/gaps").handler(this::gaps);
    router.post(base + "/gaps/draft").handler(this::draft);
  }

  private Retraining retraining() {
    if (retraining == null) {
      throw new ApiError(409, "no_model", "the rule-based NLU serves (NLU_MODEL_DIR=baseline): there is no model "
        + "to retrain");
    }
    return retraining;
  }

  private void inbox(RoutingContext ctx) {
    String status = query(ctx, "status", "pending");
    if (!status.equals("pending") && !status.equals("reviewed")) {
      throw new ApiError(400, "invalid_field", "status must be pending or reviewed");
    }
    int limit = limit(ctx);
    Future.all(repository.list(status, limit), repository.count("pending")).onSuccess(all -> {
      JsonArray items = new JsonArray();
      all.<List<LearningRepository.InboxItem>>resultAt(0).forEach(i -> items.add(i.toJson()));
      ctx.json(new JsonObject().put("items", items).put("pending", all.<Long>resultAt(1))
        .put("intents", new JsonArray(choices())));
    }).onFailure(ctx::fail);
  }

  /** The serving model's intents and {@code oos}, sorted: what a reviewer may give a message. */
  private List<String> choices() {
    Set<String> all = new java.util.TreeSet<>(intents.get());
    all.add(Understanding.OOS);
    return new ArrayList<>(all);
  }

  private void review(RoutingContext ctx) {
    long id = id(ctx.pathParam("id"));
    JsonObject body = JsonBodies.onlyFields(JsonBodies.object(ctx), Set.of("intent"));
    if (!(body.getValue("intent") instanceof String intent) || !choices().contains(intent)) {
      throw new ApiError(400, "invalid_field", "intent must be one of the model's intents or oos");
    }
    repository.review(id, intent, StaffAuth.user(ctx).id()).onSuccess(item -> {
      if (item == null) {
        ctx.fail(new ApiError(404, "not_found", "no inbox item " + id));
      } else {
        ctx.json(item.toJson());
      }
    }).onFailure(ctx::fail);
  }

  /** The reviewed examples as JSON Lines ({@code text}, {@code intent}), the format of the training data. */
  private void corpus(RoutingContext ctx) {
    repository.reviewedExamples().onSuccess(examples -> {
      StringBuilder out = new StringBuilder();
      examples.forEach(e -> out.append(new JsonObject().put("text", e.text()).put("intent", e.intent()).encode())
        .append('\n'));
      ctx.response().putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"nlu-reviewed.jsonl\"").end(out.toString());
    }).onFailure(ctx::fail);
  }

  private void retrain(RoutingContext ctx) {
    Retraining r = retraining();
    r.start().onSuccess(status -> ctx.response().setStatusCode(202).end(status.encode()))
      .onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private void promote(RoutingContext ctx) {
    Retraining r = retraining();
    String version = ctx.pathParam("version");
    // Versions are hashes (ModelVersion): anything else names no model, and never reaches SQL (a NUL would fail it).
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new ApiError(404, "not_found", "no model version " + (version == null ? "" : version.replace('\0', ' ')));
    }
    answer(ctx, r.promote(version));
  }

  private void models(RoutingContext ctx) {
    repository.models().onSuccess(models -> {
      JsonArray list = new JsonArray();
      models.forEach(m -> list.add(m.toJson()));
      ctx.json(new JsonObject().put("models", list));
    }).onFailure(ctx::fail);
  }

  private void gaps(RoutingContext ctx) {
    int limit = limit(ctx);
    // Clustering compares every message with every group: CPU work, on a worker.
    repository.gapCandidates(GAP_WINDOW).compose(items -> ctx.vertx().executeBlocking(() -> {
      JsonArray clusters = new JsonArray();
      KnowledgeGaps.cluster(items).stream().limit(limit).forEach(c -> clusters.add(c.toJson()));
      return new JsonObject().put("clusters", clusters);
    }, false)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * A draft knowledge entry from a gap: the shoppers' phrasings become its question variants, the admin gives the
   * answer (and may give a title; else the first phrasing). The messages are marked as drafted, so the gap closes.
   */
  private void draft(RoutingContext ctx) {
    JsonObject body = JsonBodies.onlyFields(JsonBodies.object(ctx), Set.of("items", "title", "answer"));
    List<Long> ids = itemIds(body.getValue("items"));
    Object title = body.getValue("title");
    if (title != null && !(title instanceof String)) {
      throw new ApiError(400, "invalid_field", "title must be text");
    }
    if (!(body.getValue("answer") instanceof String answer) || answer.isBlank()) {
      throw new ApiError(400, "invalid_field", "answer must be the entry's answer, non-empty text");
    }
    repository.gapItems(ids).compose(items -> {
      if (items.size() != ids.size()) {
        return Future.failedFuture(new ApiError(409, "gap_taken", "some items are no unanswered questions, or are "
          + "in a knowledge entry already"));
      }
      KnowledgeGaps.Cluster cluster = new KnowledgeGaps.Cluster(items, List.of());
      LinkedHashSet<String> phrasings = new LinkedHashSet<>();
      items.forEach(i -> phrasings.add(i.text().strip()));
      String first = phrasings.iterator().next();
      String entryTitle = title == null ? first.substring(0, Math.min(MAX_TITLE, first.length())) : (String) title;
      String locale = cluster.locale();
      JsonObject fields = new JsonObject().put("locale", locale).put("title", entryTitle)
        .put("questions", new JsonArray(new ArrayList<>(phrasings))).put("answer", answer);
      KnowledgeEntry entry;
      try {
        entry = EntryFields.entry("kb-" + locale + "-" + UUID.randomUUID().toString().substring(0, 8), fields);
      } catch (EntryFields.Invalid e) {
        return Future.failedFuture(new ApiError(400, "invalid_field", e.getMessage()));
      }
      return knowledge.create(entry, KnowledgeRecord.DRAFT, StaffAuth.user(ctx).id())
        .compose(created -> repository.markGap(ids, created.entry().id()).map(created));
    }).onSuccess(created -> {
      ctx.response().setStatusCode(201).putHeader("Location", "/api/admin/kb/" + created.entry().id());
      ctx.json(EntryFields.json(created));
    }).onFailure(failure -> ctx.fail(failure));
  }

  private static List<Long> itemIds(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_GAP_ITEMS) {
      throw new ApiError(400, "invalid_field", "items must be a list of 1 to " + MAX_GAP_ITEMS + " inbox item ids");
    }
    LinkedHashSet<Long> ids = new LinkedHashSet<>();
    for (Object item : array) {
      if (!(item instanceof Integer || item instanceof Long) || ((Number) item).longValue() < 1) {
        throw new ApiError(400, "invalid_field", "items must be inbox item ids (positive whole numbers)");
      }
      ids.add(((Number) item).longValue());
    }
    return new ArrayList<>(ids);
  }

  private static void answer(RoutingContext ctx, Future<LearningRepository.ModelRecord> change) {
    change.onSuccess(m -> ctx.json(m.toJson())).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private static Throwable httpError(Throwable failure) {
    return failure instanceof Retraining.Refused r ? new ApiError(r.status(), r.code(), r.getMessage()) : failure;
  }

  private static String query(RoutingContext ctx, String name, String fallback) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw new ApiError(400, "invalid_field", name + " must be given once");
    }
    return values.isEmpty() ? fallback : values.get(0);
  }

  private static int limit(RoutingContext ctx) {
    String value = query(ctx, "limit", "50");
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ApiError(400, "invalid_field", "limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static long id(String value) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // not found below
    }
    throw new ApiError(404, "not_found", "no inbox item " + value);
  }
}
