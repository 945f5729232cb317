package com.shopchat.admin;

import com.shopchat.config.AdminSettings;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.store.StaffRepository;
import com.shopchat.store.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff sign-in for the admin API: {@code POST /api/auth/login}, {@code POST /api/auth/logout},
 * {@code GET /api/auth/me}, and the guards the admin routes run first. A session lives in a cookie that is
 * HttpOnly, SameSite=Strict and (configurably) Secure, and times out when idle. Writes need the session's CSRF
 * token in {@code X-CSRF-Token} (a synchronizer token: given at login and by {@code /me}, compared in constant
 * time) — on top of SameSite, for browsers that do not honour it.
 */
public final class StaffAuth {

  /** The header every write must carry the session's CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** The session cookie's name. */
  public static final String COOKIE = "shopchat_staff";
  private static final String STAFF_ID = "staffId";
  private static final String CSRF = "csrf";
  private static final String STAFF = "staff";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final Logger LOG = LoggerFactory.getLogger(StaffAuth.class);

  private final Vertx vertx;
  private final StaffRepository staff;
  private final PasswordHasher hasher;
  private final LoginAttempts throttle;
  private final SessionStore store;
  private final SessionHandler sessions;
  private final SecureRandom random = new SecureRandom();

  public StaffAuth(Vertx vertx, StaffRepository staff, PasswordHasher hasher, AdminSettings settings) {
    this.vertx = vertx;
    this.staff = staff;
    this.hasher = hasher;
    this.throttle = LoginAttempts.create(vertx, settings.loginMaxAttempts(), Clock.systemUTC());
    // Clustered, every node reads the sessions from one cluster-wide map, so a load balancer needs no sticky
    // sessions. Alone, a store of this server's own: two servers in one Vert.x (tests) must not share sessions.
    this.store = vertx.isClustered() ? ClusteredSessionStore.create(vertx, "shopchat.staff-sessions")
      : LocalSessionStore.create(vertx, "shopchat.staff-sessions." + UUID.randomUUID(), 1_000);
    this.sessions = SessionHandler.create(store)
      .setSessionCookieName(COOKIE)
      .setSessionCookiePath("/api")
      .setCookieHttpOnlyFlag(true)
      .setCookieSecureFlag(settings.cookieSecure())
      .setCookieSameSite(CookieSameSite.STRICT)
      .setSessionTimeout(settings.sessionTimeoutMinutes() * 60_000L);
  }

  /** The session handler, for every route under {@code /api/auth} and {@code /api/admin}. */
  public SessionHandler sessions() {
    return sessions;
  }

  /** {@code POST /api/auth/login} {@code {"email","password"}}: 200 with the user and CSRF token, else 401/429. */
  public void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String email = requiredString(body, "email").trim().toLowerCase(Locale.ROOT);
    String password = requiredString(body, "password");
    String key = email + "|" + ctx.request().remoteAddress().hostAddress();
    throttle.retryAfterSeconds(key).compose(wait -> {
      if (wait > 0) {
        ctx.response().putHeader("Retry-After", String.valueOf(wait));
        return Future.failedFuture(new ApiError(429, "too_many_attempts", "too many failed logins; try again in "
          + wait + " seconds"));
      }
      return staff.byEmail(email).compose(user -> vertx.executeBlocking(
        () -> hasher.verify(user == null ? null : user.passwordHash(), password) && !user.disabled() ? user : null,
        false));
    }).compose(user -> {
      if (user == null) {
        return throttle.failed(key).transform(counted -> Future.<StaffUser>failedFuture(
          new ApiError(401, "invalid_credentials", "wrong email or password")));
      }
      return throttle.succeeded(key).otherwiseEmpty().map(user);
    }).onSuccess(user -> {
      Session session = ctx.session().regenerateId();
      session.put(STAFF_ID, user.id());
      session.put(CSRF, token());
      ctx.json(whoAmI(user, session));
    }).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/auth/logout}: ends the session; 204 once it is gone from the store. The session handler would
   * remove it only as the answer goes out, so with several nodes a request to another node right after the 204 could
   * still find it (ClusterTest caught that once).
   */
  public void logout(RoutingContext ctx) {
    Session session = ctx.session();
    String id = session.id();
    session.destroy();
    store.delete(id).onComplete(deleted -> {
      if (deleted.failed()) {
        LOG.warn("removing a signed-out session from the store failed: {}", deleted.cause().toString());
      }
      ctx.response().setStatusCode(204).end();
    });
  }

  /** {@code GET /api/auth/me}: the signed-in user and the session's CSRF token. */
  public void me(RoutingContext ctx) {
    ctx.json(whoAmI(ctx.get(STAFF), ctx.session()));
  }

  /** Guard: a session of an enabled staff user, else 401; the user is looked up afresh on every request. */
  public void requireStaff(RoutingContext ctx) {
    Session session = ctx.session();
    Long id = session == null ? null : session.get(STAFF_ID);
    if (id == null) {
      ctx.fail(new ApiError(401, "unauthorized", "sign in first: POST /api/auth/login"));
      return;
    }
    // The body is read after this lookup (BodyHandler comes later and resumes the request): hold it till then.
    ctx.request().pause();
    // A route that reads no body (claim, retrain, …), or a refusal, answers with the request still paused; its
    // connection would then hang until the idle timeout with the client unable to finish sending. Once the
    // response is done, read the rest and drop it.
    ctx.addEndHandler(done -> ctx.request().resume());
    staff.byId(id).onSuccess(user -> {
      if (user == null || user.disabled()) {
        session.destroy();
        ctx.fail(new ApiError(401, "unauthorized", "sign in first: POST /api/auth/login"));
        return;
      }
      ctx.put(STAFF, user);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** Guard, after {@link #requireStaff}: the user has the role, else 403. */
  public Handler<RoutingContext> requireRole(String role) {
    return ctx -> {
      if (!user(ctx).hasRole(role)) {
        ctx.fail(new ApiError(403, "forbidden", "this needs the " + role + " role"));
        return;
      }
      ctx.next();
    };
  }

  /** Guard, after {@link #requireStaff}: a write carries the session's CSRF token, else 403. */
  public void requireCsrf(RoutingContext ctx) {
    if (SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    String expected = ctx.session().get(CSRF);
    String sent = ctx.request().getHeader(CSRF_HEADER);
    if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(new ApiError(403, "csrf_token_invalid", "send the session's CSRF token in " + CSRF_HEADER));
      return;
    }
    ctx.next();
  }

  /** The signed-in user of a request that passed {@link #requireStaff}. */
  public static StaffUser user(RoutingContext ctx) {
    return ctx.get(STAFF);
  }

  /** Stops the session store's reaper. */
  public void close() {
    store.close();
  }

  private static JsonObject whoAmI(StaffUser user, Session session) {
    return new JsonObject()
      .put("user", new JsonObject().put("id", user.id()).put("email", user.email())
        .put("roles", new JsonArray(user.roles())))
      .put("csrfToken", session.<String>get(CSRF));
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String requiredString(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof String s) || s.isBlank()) {
      throw new ApiError(400, "missing_field", "the body needs a non-empty string '" + field + "'");
    }
    return s;
  }
}
