package com.shopchat.admin;

import com.shopchat.dialogue.DialogueManager;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.knowledge.KnowledgeService;
import com.shopchat.store.KnowledgeEditRepository;
import com.shopchat.store.KnowledgeEditRepository.Imported;
import com.shopchat.store.KnowledgeEditRepository.Filter;
import com.shopchat.store.KnowledgeRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /api/admin/kb}: list, read with history, create (as a draft), update, publish, archive, roll back,
 * preview, import and export knowledge entries. Every change is a new revision in PostgreSQL; a change that
 * touches what shoppers see reaches their search index before the response is sent. The routes assume
 * {@link StaffAuth}'s guards ran first (admin role, CSRF on writes).
 *
 * <p>Optimistic concurrency: an entry's {@code ETag} is its revision ({@link EntityTags}); update, publish, archive
 * and rollback honour {@code If-Match}, answering {@code 412 edit_conflict} and changing nothing when the entry has
 * moved on. Without {@code If-Match} a change applies to whatever revision is current (the last write wins).
 */
public final class KnowledgeAdminApi {

  /** Largest import file, in bytes. */
  static final long MAX_IMPORT_BYTES = 5L * 1024 * 1024;
  private static final int MAX_PAGE = 100;

  private final KnowledgeEditRepository entries;
  private final KnowledgeService knowledge;
  private final int maxQuestionLength;

  public KnowledgeAdminApi(KnowledgeEditRepository entries, KnowledgeService knowledge, int maxQuestionLength) {
    this.entries = entries;
    this.knowledge = knowledge;
    this.maxQuestionLength = maxQuestionLength;
  }

  /** Adds the routes under {@code base} (e.g. {@code /api/admin/kb}); guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_IMPORT_BYTES));
    router.get(base).handler(this::list);
    router.post(base).handler(this::create);
    router.get(base + "/export").handler(this::export);
    router.post(base + "/import").handler(this::importFile);
    router.get(base + "/:id").handler(this::get);
    router.put(base + "/:id").handler(this::update);
    router.post(base + "/:id/publish").handler(ctx -> setStatus(ctx, KnowledgeRecord.PUBLISHED, "publish"));
    router.post(base + "/:id/archive").handler(ctx -> setStatus(ctx, KnowledgeRecord.ARCHIVED, "archive"));
    router.post(base + "/:id/rollback").handler(this::rollback);
    router.post(base + "/:id/preview").handler(this::preview);
  }

  private void list(RoutingContext ctx) {
    var q = ctx.queryParams();
    String status = blankToNull(q.get("status"));
    if (status != null && !EntryFields.STATUSES.contains(status)) {
      throw new ApiError(400, "invalid_parameter", "status must be draft, published or archived");
    }
    String locale = blankToNull(q.get("locale"));
    if (locale != null && !locale.equals("en") && !locale.equals("zh")) {
      throw new ApiError(400, "invalid_parameter", "locale must be en or zh");
    }
    int limit = intParam(q.get("limit"), "limit", 20, 1, MAX_PAGE);
    int offset = intParam(q.get("offset"), "offset", 0, 0, Integer.MAX_VALUE);
    entries.list(new Filter(blankToNull(q.get("q")), status, locale, blankToNull(q.get("tag")), limit, offset))
      .onSuccess(page -> {
        JsonArray list = new JsonArray();
        page.entries().forEach(r -> list.add(EntryFields.json(r)));
        ctx.json(new JsonObject().put("entries", list).put("total", page.total()).put("limit", limit)
          .put("offset", offset));
      })
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    entries.find(id).compose(found -> {
      if (found == null) {
        return Future.failedFuture(notFound(id));
      }
      return entries.revisions(id).map(revisions -> {
        JsonArray history = new JsonArray();
        revisions.forEach(r -> history.add(EntryFields.json(r)));
        // The history is of the revision the ETag names: read after it, it may hold newer ones (never fewer).
        ctx.response().putHeader("ETag", EntityTags.of(found.revision()));
        return EntryFields.json(found).put("revisions", history);
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    Object id = body.getValue("id");
    KnowledgeEntry entry = valid(() -> EntryFields.entry(id == null ? generatedId(body) : id instanceof String s
      ? s : "", body));
    entries.create(entry, KnowledgeRecord.DRAFT, staffId(ctx))
      .onSuccess(created -> {
        if (created == null) {
          ctx.fail(new ApiError(409, "id_taken", "an entry with the id " + entry.id() + " exists already"));
          return;
        }
        ctx.response().setStatusCode(201).putHeader("Location", ctx.request().path() + "/" + created.entry().id())
          .putHeader("ETag", EntityTags.of(created.revision()));
        ctx.json(EntryFields.json(created));
      })
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    List<Integer> expected = expected(ctx);
    KnowledgeEntry entry = valid(() -> EntryFields.entry(id, JsonBodies.object(ctx)));
    respond(ctx, id, entries.update(entry, staffId(ctx), expected)
      .compose(changed -> changed != null ? Future.succeededFuture(changed)
        : unchanged(id, expected, found -> Future.succeededFuture(found))), false);
  }

  private void setStatus(RoutingContext ctx, String status, String action) {
    String id = ctx.pathParam("id");
    List<Integer> expected = expected(ctx);
    // Already so: answered with the entry as it is, no new revision (publishing twice is harmless).
    respond(ctx, id, entries.setStatus(id, status, action, staffId(ctx), expected)
      .compose(changed -> changed != null ? Future.succeededFuture(changed)
        : unchanged(id, expected, found -> Future.succeededFuture(found))), true);
  }

  private void rollback(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    List<Integer> expected = expected(ctx);
    Object revision = JsonBodies.object(ctx).getValue("revision");
    if (!(revision instanceof Integer n) || n < 1) {
      throw new ApiError(400, "invalid_field", "revision must be a whole number of 1 or more");
    }
    Future<KnowledgeRecord> rolledBack = entries.rollback(id, n, staffId(ctx), expected)
      .compose(changed -> changed != null ? Future.succeededFuture(changed) : unchanged(id, expected, found ->
        Future.failedFuture(new ApiError(404, "no_such_revision", id + " has no revision " + n))));
    respond(ctx, id, rolledBack, false);
  }

  /** The revisions {@code If-Match} allows a change from; {@code null}: any. */
  private static List<Integer> expected(RoutingContext ctx) {
    return EntityTags.expected(ctx.request().getHeader("If-Match"));
  }

  /**
   * Why a change changed nothing: no such entry ({@code null}, a 404), a revision other than {@code If-Match}'s
   * (412), or else {@code otherwise} with the entry as it is. Revisions only grow, so an entry read here at a
   * revision {@code If-Match} names is one the change really found unchanged for its own reason.
   */
  private Future<KnowledgeRecord> unchanged(String id, List<Integer> expected,
                                            Function<KnowledgeRecord, Future<KnowledgeRecord>> otherwise) {
    return entries.find(id).compose(found -> {
      if (found == null) {
        return Future.succeededFuture(null);
      }
      if (expected != null && !expected.contains(found.revision())) {
        return Future.failedFuture(conflict(found, expected));
      }
      return otherwise.apply(found);
    });
  }

  /** 412: the entry is not at a revision {@code If-Match} named; the error carries the one it is at. */
  private static ApiError conflict(KnowledgeRecord current, List<Integer> expected) {
    String asked = expected.isEmpty() ? "the revision named in If-Match"
      : "revision " + expected.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    return new ApiError(412, "edit_conflict", current.entry().id() + " has changed since " + asked
      + ": it is at revision " + current.revision() + " now, and nothing was changed. Read it again and make the "
      + "change on that revision.",
      new JsonObject().put("revision", current.revision()).put("status", current.status()));
  }

  /** Answers with the changed entry once shoppers' index agrees with it; {@code null} is a 404. */
  private void respond(RoutingContext ctx, String id, Future<KnowledgeRecord> change, boolean statusChanged) {
    change.compose(record -> {
      if (record == null) {
        return Future.failedFuture(notFound(id));
      }
      // Drafts and archived entries are never in the index, so editing one leaves the index alone.
      boolean visible = statusChanged || record.published();
      return (visible ? knowledge.apply(List.of(record)) : Future.<Void>succeededFuture()).map(v -> record);
    }).onSuccess(record -> {
      ctx.response().putHeader("ETag", EntityTags.of(record.revision()));
      ctx.json(EntryFields.json(record));
    }).onFailure(failure -> {
      if (failure instanceof ApiError api && api.status() == 412) {
        ctx.response().putHeader("ETag", EntityTags.of(api.details().getInteger("revision")));
      }
      ctx.fail(failure);
    });
  }

  private void preview(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Object question = JsonBodies.object(ctx).getValue("question");
    if (!(question instanceof String text) || text.isBlank() || text.length() > maxQuestionLength) {
      throw new ApiError(400, "invalid_field", "question must be a non-empty string of at most "
        + maxQuestionLength + " characters");
    }
    entries.find(id)
      .compose(found -> found == null ? Future.failedFuture(notFound(id))
        : knowledge.preview(found.entry(), text.strip(), 5).map(hits -> previewJson(found, text, hits)))
      .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Where the entry ranks for the question, and whether the bot would answer with it. */
  private static JsonObject previewJson(KnowledgeRecord record, String question, List<KnowledgeHit> hits) {
    JsonArray ranking = new JsonArray();
    Integer rank = null;
    Float confidence = null;
    for (int i = 0; i < hits.size(); i++) {
      KnowledgeHit hit = hits.get(i);
      ranking.add(new JsonObject().put("id", hit.entry().id()).put("title", hit.entry().title())
        .put("confidence", hit.confidence()));
      if (rank == null && hit.entry().id().equals(record.entry().id())) {
        rank = i + 1;
        confidence = hit.confidence();
      }
    }
    boolean answers = rank != null && rank == 1 && confidence >= DialogueManager.ANSWER_THRESHOLD;
    return new JsonObject().put("question", question).put("id", record.entry().id()).put("rank", rank)
      .put("confidence", confidence).put("wouldAnswer", answers).put("answer", answers ? record.entry().answer() : null)
      .put("threshold", DialogueManager.ANSWER_THRESHOLD).put("ranking", ranking);
  }

  private void importFile(RoutingContext ctx) {
    KnowledgeFiles.Format format = format(ctx);
    String body = ctx.body().asString("UTF-8") == null ? "" : ctx.body().asString("UTF-8");
    // Up to MAX_IMPORT_BYTES of CSV or JSON Lines: parsed and validated on a worker, not the event loop.
    ctx.vertx().executeBlocking(() -> validRows(KnowledgeFiles.parse(format, body)), false)
      .compose(rows -> entries.importAll(rows, staffId(ctx)))
      .compose(records -> knowledge.apply(records).map(v -> records))
      .onSuccess(records -> ctx.json(new JsonObject().put("imported", records.size())
        .put("published", records.stream().filter(KnowledgeRecord::published).count())))
      .onFailure(ctx::fail);
  }

  /** The parsed rows, or a 400 naming every bad line: a file with one bad row imports nothing. */
  private static List<Imported> validRows(KnowledgeFiles.Parsed parsed) {
    if (!parsed.errors().isEmpty()) {
      JsonArray rows = new JsonArray();
      parsed.errors().forEach(e -> rows.add(new JsonObject().put("line", e.line()).put("message", e.message())));
      throw new ApiError(400, "invalid_rows", parsed.errors().size() + " bad row(s); nothing was imported",
        new JsonObject().put("rows", rows));
    }
    return parsed.rows();
  }

  private void export(RoutingContext ctx) {
    KnowledgeFiles.Format format = format(ctx);
    entries.all().compose(all -> ctx.vertx().executeBlocking(() -> KnowledgeFiles.write(format, all), false))
      .onSuccess(file -> ctx.response()
      .putHeader("Content-Type", format == KnowledgeFiles.Format.CSV ? "text/csv; charset=utf-8"
        : "application/x-ndjson; charset=utf-8")
      .putHeader("Content-Disposition", "attachment; filename=\"knowledge." + format.name().toLowerCase(Locale.ROOT)
        + "\"")
      .end(file)).onFailure(ctx::fail);
  }

  private static KnowledgeFiles.Format format(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if ("jsonl".equals(format)) {
      return KnowledgeFiles.Format.JSONL;
    }
    if ("csv".equals(format)) {
      return KnowledgeFiles.Format.CSV;
    }
    throw new ApiError(400, "invalid_parameter", "format must be jsonl or csv");
  }

  private static KnowledgeEntry valid(java.util.function.Supplier<KnowledgeEntry> parse) {
    try {
      return parse.get();
    } catch (EntryFields.Invalid e) {
      throw new ApiError(400, "invalid_field", e.getMessage());
    }
  }

  /** {@code kb-<locale>-<8 hex>} when the admin names no id. */
  private static String generatedId(JsonObject body) {
    Object locale = body.getValue("locale");
    return "kb-" + (locale instanceof String s && (s.equals("en") || s.equals("zh")) ? s + "-" : "")
      + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long staffId(RoutingContext ctx) {
    return StaffAuth.user(ctx).id();
  }

  private static ApiError notFound(String id) {
    return new ApiError(404, "not_found", "no knowledge entry " + id);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static int intParam(String raw, String name, int fallback, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, "invalid_parameter", name + " must be a whole number from " + min + " to " + max);
  }
}
