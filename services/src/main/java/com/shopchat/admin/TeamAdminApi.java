package com.shopchat.admin;

import com.shopchat.handoff.HandoffService;
import com.shopchat.handoff.HandoffTopics;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.store.StaffChange;
import com.shopchat.store.StaffProfile;
import com.shopchat.store.StaffRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/admin/staff}: the team — list, add (agents and admins with their languages, topics and how many
 * chats they take at once), change, reset a password, disable. The routes assume the staff guards ran first
 * (admin role, CSRF on writes). A refused request changes nothing: 400 {@code invalid_field}/{@code unknown_field},
 * 404, 409 {@code email_taken}, {@code own_account}, {@code last_admin}. Disabling an agent, or taking their agent
 * role away, sends their chats back to the queue and closes their consoles; routing then runs.
 */
public final class TeamAdminApi {

  private static final Logger LOG = LoggerFactory.getLogger(TeamAdminApi.class);
  private static final long MAX_BODY = 8 * 1024;

  private final StaffRepository staff;
  private final StaffAccounts accounts;
  private final HandoffService handoffs;

  public TeamAdminApi(StaffRepository staff, StaffAccounts accounts, HandoffService handoffs) {
    this.staff = staff;
    this.accounts = accounts;
    this.handoffs = handoffs;
  }

  /** Adds the routes under {@code base} (e.g. {@code /api/admin/staff}); guards go on before this. */
  public void route(Router router, String base) {
    router.route(base + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.get(base).handler(this::list);
    router.post(base).handler(this::create);
    router.get(base + "/:id").handler(ctx -> staff.profile(id(ctx))
      .onSuccess(p -> answer(ctx, p)).onFailure(ctx::fail));
    router.patch(base + "/:id").handler(this::change);
  }

  private void list(RoutingContext ctx) {
    staff.list().onSuccess(team -> {
      JsonArray list = new JsonArray();
      team.forEach(p -> list.add(p.toJson()));
      ctx.json(new JsonObject().put("staff", list).put("topics", new JsonArray(HandoffTopics.ALL))
        .put("languages", new JsonArray(StaffFields.LANGUAGES)).put("me", StaffAuth.user(ctx).id()));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    StaffFields.NewMember member = StaffFields.newMember(JsonBodies.object(ctx));
    accounts.create(member).onSuccess(created -> {
      LOG.info("staff user {} added by admin {}", created.id(), StaffAuth.user(ctx).id());
      ctx.response().setStatusCode(201).putHeader("Location", ctx.request().path() + "/" + created.id());
      ctx.json(created.toJson());
    }).onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private void change(RoutingContext ctx) {
    long id = id(ctx);
    StaffFields.Change change = StaffFields.change(JsonBodies.object(ctx));
    long admin = StaffAuth.user(ctx).id();
    Future<String> hash = change.password() == null ? Future.succeededFuture() : accounts.hash(change.password());
    hash.compose(h -> staff.update(id, admin, change.edit(), h)).compose(done -> {
      if (done == null) {
        return Future.<StaffChange>failedFuture(notFound());
      }
      LOG.info("staff user {} changed by admin {}{}", id, admin,
        done.requeued().isEmpty() ? "" : "; " + done.requeued().size() + " chat(s) back in the queue");
      // The change is stored: telling consoles and shoppers is best effort, never turned into a failed answer.
      return handoffs.staffChanged(done).onFailure(e -> LOG.warn("after changing staff user {}: {}", id,
        e.toString())).otherwiseEmpty().map(done);
    }).onSuccess(done -> ctx.json(done.after().toJson().put("requeued", done.requeued().size())))
      .onFailure(failure -> ctx.fail(httpError(failure)));
  }

  private static void answer(RoutingContext ctx, StaffProfile profile) {
    if (profile == null) {
      ctx.fail(notFound());
    } else {
      ctx.json(profile.toJson());
    }
  }

  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("[0-9]{1,18}")) {
      throw notFound();
    }
    return Long.parseLong(raw);
  }

  private static ApiError notFound() {
    return new ApiError(404, "not_found", "no such staff user");
  }

  private static Throwable httpError(Throwable failure) {
    if (failure instanceof StaffRepository.EmailTakenException) {
      return new ApiError(409, "email_taken", failure.getMessage());
    }
    if (failure instanceof StaffRepository.RuleException rule) {
      return new ApiError(409, rule.code(), rule.getMessage());
    }
    if (failure instanceof IllegalArgumentException) {
      return new ApiError(400, "invalid_field", failure.getMessage());
    }
    return failure;
  }
}
