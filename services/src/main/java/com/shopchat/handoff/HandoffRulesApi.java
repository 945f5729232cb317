package com.shopchat.handoff;

import com.shopchat.admin.StaffAuth;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.nlu.Understanding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/admin/handoff-rules}: which requests always go to a person. {@code GET} answers
 * {@code {"rules":[intent…], "intents":[intent…]}} (the list, and the intents the serving NLU model can read that
 * may be put on it); {@code PUT {"rules":[intent…]}} replaces the list. The routes assume the staff guards ran first
 * (admin role, CSRF on writes); a refused list changes nothing (400 {@code invalid_field}).
 */
public final class HandoffRulesApi {

  private static final Logger LOG = LoggerFactory.getLogger(HandoffRulesApi.class);
  /** Intents that are conversation, not requests: a rule on them would make no sense. */
  private static final Set<String> NOT_REQUESTS = Set.of(Understanding.GREETING, Understanding.GOODBYE,
    Understanding.THANKS, Understanding.FAQ, Understanding.HUMAN, Understanding.HUMAN_AGENT,
    Understanding.SMALLTALK, Understanding.AFFIRM, Understanding.DENY, Understanding.OOS);

  private final HandoffRules rules;
  private final Supplier<List<String>> modelIntents;

  /** {@code modelIntents}: what the serving NLU model reads (empty with the rule-based baseline). */
  public HandoffRulesApi(HandoffRules rules, Supplier<List<String>> modelIntents) {
    this.rules = rules;
    this.modelIntents = modelIntents;
  }

  /** Adds the routes under {@code base}; guards go on before this. */
  public void route(Router router, String base) {
    router.route(base).handler(BodyHandler.create(false).setBodyLimit(8 * 1024));
    router.get(base).handler(ctx -> ctx.json(answer()));
    router.put(base).handler(this::replace);
  }

  private void replace(RoutingContext ctx) {
    JsonObject body = JsonBodies.onlyFields(JsonBodies.object(ctx), Set.of("rules"));
    if (!(body.getValue("rules") instanceof JsonArray list)) {
      throw new ApiError(400, "invalid_field", "send {\"rules\": [intent, …]}");
    }
    Set<String> allowed = Set.copyOf(requestIntents());
    TreeSet<String> chosen = new TreeSet<>();
    for (Object item : list) {
      if (!(item instanceof String intent) || !allowed.contains(intent)) {
        throw new ApiError(400, "invalid_field", "rules may only hold intents the NLU model reads: "
          + String.join(", ", requestIntents()));
      }
      chosen.add(intent);
    }
    rules.replace(List.copyOf(chosen), StaffAuth.user(ctx).id()).onSuccess(now -> {
      LOG.info("handoff rules set by admin {}: {}", StaffAuth.user(ctx).id(), now);
      ctx.json(answer());
    }).onFailure(ctx::fail);
  }

  private JsonObject answer() {
    return new JsonObject().put("rules", new JsonArray(rules.intents()))
      .put("intents", new JsonArray(requestIntents()));
  }

  /** The model's intents that are requests (not greetings, thanks, asking for a person, …), sorted. */
  private List<String> requestIntents() {
    return modelIntents.get().stream().filter(i -> !NOT_REQUESTS.contains(i)).sorted().toList();
  }
}
