package com.shopchat.handoff;

import com.shopchat.admin.StaffAuth;
import com.shopchat.conversation.ChatMessage;
import com.shopchat.conversation.ChatService;
import com.shopchat.conversation.Conversation;
import com.shopchat.gateway.InboundFrame;
import com.shopchat.dialogue.DialogueState;
import com.shopchat.http.ApiError;
import com.shopchat.http.JsonBodies;
import com.shopchat.knowledge.KnowledgeService;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.profile.ProfileJson;
import com.shopchat.profile.ProfileService;
import com.shopchat.store.ConversationRepository;
import com.shopchat.store.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;

/**
 * The agent console's REST API under {@code /api/agent} (signed-in staff with the agent or admin role; writes
 * need the session's CSRF token, checked by the router): the queue and the agent's chats, presence, claiming,
 * a conversation with its full transcript (bot turns with intent and confidence), the shopper's profile, the
 * handoff's reason, internal notes and knowledge-base suggestions for the shopper's last message; sending,
 * handing back and closing; canned replies ({@link CannedReplies}, which admins edit). Live updates come over
 * {@link AgentSocket}.
 */
public final class AgentApi {

  private static final Set<String> PRESENCE = Set.of("online", "away", "offline");
  private static final int QUEUE_LIMIT = 200;
  private static final int TRANSCRIPT_LIMIT = 500;
  private static final int SUGGESTIONS = 3;
  private static final int MAX_NOTE = 2000;

  private final HandoffService handoffs;
  private final ConversationRepository conversations;
  private final ChatService chat;
  private final ProfileService profiles;
  private final KnowledgeService knowledge;
  private final int maxTextLength;
  // Patterns and word lists only (order numbers, emails, phones, money, …): what an agent needs to see at a glance.
  private final EntityExtractor entities = EntityExtractor.create();
  private final CannedReplies canned;

  public AgentApi(HandoffService handoffs, ConversationRepository conversations, ChatService chat,
                  ProfileService profiles, KnowledgeService knowledge, CannedReplies canned, int maxTextLength) {
    this.canned = canned;
    this.handoffs = handoffs;
    this.conversations = conversations;
    this.chat = chat;
    this.profiles = profiles;
    this.knowledge = knowledge;
    this.maxTextLength = maxTextLength;
  }

  /** Guard, after {@link StaffAuth#requireStaff}: agents and admins may use the console. */
  public static void requireAgent(RoutingContext ctx) {
    StaffUser user = StaffAuth.user(ctx);
    if (!user.hasRole(StaffUser.AGENT) && !user.hasRole(StaffUser.ADMIN)) {
      ctx.fail(new ApiError(403, "forbidden", "this needs the agent role"));
      return;
    }
    ctx.next();
  }

  public void route(Router router, String base) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.get(base + "/queue").handler(this::queue);
    router.get(base + "/canned").handler(this::canned);
    router.post(base + "/presence").handler(body).handler(this::presence);
    router.get(base + "/conversations/:id").handler(this::conversation);
    router.post(base + "/conversations/:id/claim").handler(this::claim);
    router.post(base + "/conversations/:id/messages").handler(body).handler(this::say);
    router.post(base + "/conversations/:id/typing").handler(this::typing);
    router.post(base + "/conversations/:id/notes").handler(body).handler(this::note);
    router.post(base + "/conversations/:id/handback").handler(ctx -> end(ctx, Handoff.HANDED_BACK));
    router.post(base + "/conversations/:id/close").handler(ctx -> end(ctx, Handoff.CLOSED));
  }

  /**
   * The queue, the agent's own chats, and the agent as the console shows them ({@code me}: name, presence, whether
   * they take chats at all): every console of the agent refetches this on {@code queue_changed}, which a presence
   * change also sends, so all their tabs agree.
   */
  private void queue(RoutingContext ctx) {
    StaffUser me = StaffAuth.user(ctx);
    Future.all(handoffs.repository().queue(QUEUE_LIMIT), handoffs.repository().heldBy(me.id()),
        handoffs.repository().agent(me.id()))
      .onSuccess(all -> {
        JsonObject agent = all.resultAt(2) == null ? new JsonObject().put("id", me.id()) : all.resultAt(2);
        ctx.json(new JsonObject()
          .put("queue", json(all.resultAt(0)))
          .put("mine", json(all.resultAt(1)))
          .put("me", agent.put("email", me.email()).put("takesChats", me.hasRole(StaffUser.AGENT))));
      })
      .onFailure(ctx::fail);
  }

  /**
   * {@code GET /canned[?locale=en|zh]}: the canned replies, {@code {"replies":[{"id","locale","title","text"}],
   * "placeholders":[…], "defaults":{"en":{"shopper":"there"},…}}}; the text may hold {@code {shopper}},
   * {@code {agent}} and {@code {order}}, which the console fills (with the locale's default when it knows no value).
   */
  private void canned(RoutingContext ctx) {
    String locale = ctx.request().getParam("locale");
    if (locale != null && !CannedReplies.LOCALES.contains(locale)) {
      throw new ApiError(400, "invalid_parameter", "locale must be en or zh");
    }
    canned.forAgents(locale).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void presence(RoutingContext ctx) {
    String status = JsonBodies.object(ctx).getString("status");
    if (status == null || !PRESENCE.contains(status)) {
      throw new ApiError(400, "invalid_field", "status must be online, away or offline");
    }
    handoffs.presence(StaffAuth.user(ctx), status)
      .onSuccess(v -> ctx.json(new JsonObject().put("status", status)))
      .onFailure(ctx::fail);
  }

  /** The conversation as the console shows it. */
  private void conversation(RoutingContext ctx) {
    String id = conversationId(ctx);
    conversations.find(id).compose(c -> {
      if (c == null) {
        return Future.failedFuture(new ApiError(404, "not_found", "no conversation " + id));
      }
      return Future.all(chat.history(id, 0), handoffs.repository().latest(id), handoffs.repository().notes(id),
          profiles.profile(c.visitorId(), c.shopperId()), handoffs.repository().shopperName(id))
        .compose(all -> {
          List<ChatMessage> messages = all.resultAt(0);
          Handoff handoff = all.resultAt(1);
          List<JsonObject> notes = all.resultAt(2);
          List<ChatMessage> shown = messages.subList(Math.max(0, messages.size() - TRANSCRIPT_LIMIT), messages.size());
          return Future.all(suggestions(c, messages), transcript(ctx, shown)).map(parts -> new JsonObject()
            .put("conversation", new JsonObject().put("id", c.id()).put("locale", c.locale())
              .put("status", c.status()).put("visitorId", c.visitorId()).put("shopperId", c.shopperId())
              .put("shopperName", all.<String>resultAt(4))
              .put("lastOrder", DialogueState.fromJson(c.state()).lastOrder()))
            .put("handoff", handoff == null ? null : handoff.toJson())
            .put("messages", parts.<JsonArray>resultAt(1))
            .put("notes", new JsonArray(notes))
            .put("profile", ProfileJson.toJson(all.resultAt(3)))
            .put("suggestions", parts.<JsonArray>resultAt(0)));
        });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * The transcript as {@code message} frames; the shopper's carry the {@code entities} found in them
   * ({@code [{"type","value"}]}: order numbers, emails, amounts, …), on a worker.
   */
  private Future<JsonArray> transcript(RoutingContext ctx, List<ChatMessage> messages) {
    return ctx.vertx().executeBlocking(() -> {
      JsonArray out = new JsonArray();
      for (ChatMessage m : messages) {
        JsonObject frame = m.toFrame();
        if (ChatMessage.SHOPPER.equals(m.from())) {
          JsonArray found = new JsonArray();
          for (Entity e : entities.extract(m.text())) {
            found.add(new JsonObject().put("type", e.type()).put("value", e.value()));
          }
          frame.put("entities", found);
        }
        out.add(frame);
      }
      return out;
    }, false);
  }

  /** Knowledge-base answers to the shopper's last message (agent assist); none when the KB is unavailable. */
  private Future<JsonArray> suggestions(Conversation c, List<ChatMessage> messages) {
    String last = null;
    for (int i = messages.size() - 1; i >= 0 && last == null; i--) {
      if (ChatMessage.SHOPPER.equals(messages.get(i).from())) {
        last = messages.get(i).text();
      }
    }
    if (last == null || knowledge == null) {
      return Future.succeededFuture(new JsonArray());
    }
    return knowledge.search(last, c.locale(), SUGGESTIONS).map(hits -> {
      JsonArray out = new JsonArray();
      hits.forEach(h -> out.add(new JsonObject().put("id", h.entry().id()).put("title", h.entry().title())
        .put("answer", h.entry().answer()).put("confidence", Math.round(h.confidence() * 1000) / 1000.0)));
      return out;
    }).otherwise(new JsonArray());
  }

  private void claim(RoutingContext ctx) {
    String id = conversationId(ctx);
    conversations.find(id).compose(c -> c == null
        ? Future.failedFuture(new ApiError(404, "not_found", "no conversation " + id))
        : handoffs.claim(id, StaffAuth.user(ctx)))
      .onSuccess(h -> ctx.json(h.toJson()))
      .onFailure(e -> ctx.fail(e instanceof HandoffService.Taken taken
        ? new ApiError(409, "already_claimed", taken.getMessage()) : e));
  }

  private void say(RoutingContext ctx) {
    String id = conversationId(ctx);
    JsonObject body = JsonBodies.object(ctx);
    Object clientMsgId = body.getValue("clientMsgId");
    if (!(clientMsgId instanceof String cid) || !InboundFrame.ID.matcher(cid).matches()) {
      throw new ApiError(400, "invalid_field", "clientMsgId must be 1-64 characters of A-Z a-z 0-9 _ -");
    }
    Object raw = body.getValue("text");
    if (!(raw instanceof String s) || s.isBlank()) {
      throw new ApiError(400, "missing_field", "text must be a non-empty string");
    }
    String text = s.strip();
    if (text.codePointCount(0, text.length()) > maxTextLength) {
      throw new ApiError(400, "text_too_long", "text is longer than " + maxTextLength + " characters");
    }
    StaffUser me = StaffAuth.user(ctx);
    handoffs.active(id).compose(h -> {
      if (h == null || h.agentId() == null || h.agentId() != me.id()) {
        return Future.failedFuture(new ApiError(409, "not_holder", "you do not hold conversation " + id
          + "; claim it first"));
      }
      return handoffs.say(id, me, h.agentName(), cid, text);
    }).onSuccess(appended -> ctx.response().setStatusCode(appended.duplicate() ? 200 : 201)
        .putHeader("Content-Type", "application/json").end(appended.message().toFrame().encode()))
      .onFailure(e -> ctx.fail(e instanceof ConversationRepository.NotHolder
        ? new ApiError(409, "not_holder", e.getMessage())
        : e instanceof IllegalArgumentException ? new ApiError(409, "client_msg_id_taken", e.getMessage()) : e));
  }

  private void typing(RoutingContext ctx) {
    String id = conversationId(ctx);
    StaffUser me = StaffAuth.user(ctx);
    handoffs.active(id).onSuccess(h -> {
      if (h == null || h.agentId() == null || h.agentId() != me.id()) {
        ctx.fail(new ApiError(409, "not_holder", "you do not hold conversation " + id));
        return;
      }
      chat.publish(id, new JsonObject().put("type", "typing").put("from", ChatMessage.AGENT));
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private void note(RoutingContext ctx) {
    String id = conversationId(ctx);
    Object raw = JsonBodies.object(ctx).getValue("text");
    if (!(raw instanceof String s) || s.isBlank() || s.strip().length() > MAX_NOTE) {
      throw new ApiError(400, "invalid_field", "text must be a non-empty string of at most " + MAX_NOTE
        + " characters");
    }
    conversations.find(id).compose(c -> c == null
        ? Future.failedFuture(new ApiError(404, "not_found", "no conversation " + id))
        : handoffs.repository().addNote(id, StaffAuth.user(ctx).id(), s.strip()))
      .onSuccess(note -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(note.encode()))
      .onFailure(ctx::fail);
  }

  private void end(RoutingContext ctx, String how) {
    String id = conversationId(ctx);
    StaffUser me = StaffAuth.user(ctx);
    handoffs.end(id, me, false, how).onSuccess(ended -> {
      if (ended == null) {
        ctx.fail(new ApiError(409, "not_holder", "you do not hold conversation " + id));
        return;
      }
      ctx.json(ended.toJson());
    }).onFailure(ctx::fail);
  }

  private static String conversationId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !InboundFrame.ID.matcher(id).matches()) {
      throw new ApiError(400, "invalid_parameter", "the conversation id must be 1-64 characters of A-Z a-z 0-9 _ -");
    }
    return id;
  }

  private static JsonArray json(List<Handoff> handoffs) {
    return new JsonArray(handoffs.stream().map(Handoff::toJson).toList());
  }
}
