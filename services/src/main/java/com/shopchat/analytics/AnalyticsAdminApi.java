package com.shopchat.analytics;

import com.shopchat.http.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/analytics}: the dashboard's figures for a period ({@code GET base}), a refresh of the daily
 * rollups they come from ({@code POST base/refresh}), and conversation review
 * ({@code GET base/conversations} to search, {@code GET base/conversations/:id} for one transcript). The
 * routes assume the staff guards ran first (admin role). Bad parameters answer 400 and nothing runs.
 */
public final class AnalyticsAdminApi {

  static final int MAX_TEXT = 200;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final Pattern INTENT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final AnalyticsService analytics;
  private final AnalyticsRollups rollups;
  private final ConversationReview review;
  private final Clock clock;

  public AnalyticsAdminApi(AnalyticsService analytics, AnalyticsRollups rollups, ConversationReview review,
    Clock clock) {
    this.analytics = analytics;
    this.rollups = rollups;
    this.review = review;
    this.clock = clock;
  }

  /** Adds the routes under {@code base} (e.g. {@code /api/admin/analytics}); guards go on before this. */
  public void route(Router router, String base) {
    router.get(base).handler(ctx -> analytics.dashboard(AnalyticsFilter.of(ctx.queryParams(), clock))
      .onSuccess(ctx::json).onFailure(ctx::fail));
    // Takes no body: the figures are recomputed from the tables. Answers when the rollups are fresh.
    router.post(base + "/refresh").handler(ctx -> rollups.refresh()
      .onSuccess(at -> ctx.json(new io.vertx.core.json.JsonObject().put("refreshedAt", at))).onFailure(ctx::fail));
    router.get(base + "/conversations").handler(this::search);
    router.get(base + "/conversations/:id").handler(this::transcript);
  }

  private void search(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    AnalyticsFilter filter = AnalyticsFilter.of(q, clock);
    String text = AnalyticsFilter.param(q, "q");
    if (text != null && text.length() > MAX_TEXT) {
      throw AnalyticsFilter.invalid("q may be at most " + MAX_TEXT + " characters");
    }
    String intent = AnalyticsFilter.param(q, "intent");
    if (intent != null && !INTENT.matcher(intent).matches()) {
      throw AnalyticsFilter.invalid("intent must be an intent name such as track_order");
    }
    String outcome = AnalyticsFilter.param(q, "outcome");
    if (outcome != null && !outcome.equals("contained") && !outcome.equals("handed_off")) {
      throw AnalyticsFilter.invalid("outcome must be contained or handed_off");
    }
    Integer rating = number(q, "rating", null, 1, 5);
    int limit = number(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    review.search(new ConversationReview.Search(filter, text, intent, outcome, rating, limit))
      .onSuccess(list -> ctx.json(new io.vertx.core.json.JsonObject().put("conversations", list)
        .put("limit", limit)))
      .onFailure(ctx::fail);
  }

  private void transcript(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !CONVERSATION_ID.matcher(id).matches()) {
      throw new ApiError(404, "not_found", "no such conversation");
    }
    review.transcript(id).onSuccess(found -> {
      if (found == null) {
        ctx.fail(new ApiError(404, "not_found", "no such conversation: " + id));
      } else {
        ctx.json(found);
      }
    }).onFailure(ctx::fail);
  }

  private static Integer number(MultiMap q, String name, Integer otherwise, int min, int max) {
    String value = AnalyticsFilter.param(q, name);
    if (value == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw AnalyticsFilter.invalid(name + " must be a whole number from " + min + " to " + max);
  }
}
