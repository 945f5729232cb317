package com.shopchat.dialogue;

import com.shopchat.commerce.BackendUnavailableException;
import com.shopchat.commerce.Order;
import com.shopchat.commerce.ShopBackend;
import com.shopchat.dialogue.BotReply.QuickReply;
import com.shopchat.dialogue.BotReply.Source;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.recommend.RecommendationContext;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Chooses the bot's reply to one shopper turn. Buttons first (a person, a knowledge entry, an intent, an
 * order); then the flow under way, if the turn answers what it asked; otherwise the turn's intent starts a
 * flow (orders, cancellations, address changes, returns, refunds, products, the shop's policies), is small
 * talk, or is answered from the knowledge base. A question in the middle of a flow is answered and the flow's
 * question asked again; "never mind" leaves the flow. When the NLU is unsure it offers its two best guesses;
 * after repeated misunderstandings, or sooner when the shopper sounds frustrated, it offers a person. When the
 * shop backend cannot be reached it says so and never guesses.
 *
 * <p>Pure decision logic over the NLU's reading, the knowledge base, the shop backend and the conversation's
 * {@link DialogueState}; it composes futures and never blocks.
 */
public final class DialogueManager {

  /** Quick-reply payload that asks for a person. */
  public static final String HUMAN_PAYLOAD = "/human";
  /** Quick-reply payload that asks a question in its title's words. */
  public static final String ASK_PAYLOAD = "/ask";
  /** Quick-reply payload prefix that picks one knowledge entry. */
  public static final String ENTRY_PAYLOAD = "kb:";
  /** Quick-reply payload prefix that names what the shopper wants, e.g. {@code /intent:track_order}. */
  public static final String INTENT_PAYLOAD = "/intent:";
  public static final String YES_PAYLOAD = "/yes";
  public static final String NO_PAYLOAD = "/no";
  /** Quick-reply payload that tries the last question again (after the shop backend was unreachable). */
  public static final String RETRY_PAYLOAD = "/retry";
  /** Quick-reply payload that leaves the flow under way. */
  public static final String STOP_PAYLOAD = "/stop";
  /** Payload prefix of a product card's "Add to cart" button. */
  public static final String CART_PAYLOAD = "/cart:add:";
  /** Payload prefix of a coupon offer's "Use code" button: {@code /promo:<offer id>}. */
  public static final String PROMO_PAYLOAD = "/promo:";

  /**
   * Below this retrieval confidence (a calibrated probability that the entry is the right one, see
   * {@code ConfidenceModel}) the bot does not answer from the knowledge base. Chosen on the calibration set as the
   * lowest threshold whose answers are at least 90 % right with either index (docs/benchmarks.md).
   */
  public static final float ANSWER_THRESHOLD = 0.7f;
  /** Entries at least this likely to be the one meant are offered as "related" or "did you mean" buttons. */
  static final float SUGGEST_THRESHOLD = 0.2f;
  /** Below this NLU confidence an intent is not acted on without asking. */
  static final float CONVERSATIONAL_THRESHOLD = 0.5f;
  /** Both of the NLU's two best guesses at least this likely: the bot asks which one was meant. */
  static final float CLARIFY_THRESHOLD = 0.15f;
  /** After this many misunderstandings in a row the bot offers a person rather than more guesses. */
  static final int MISUNDERSTANDINGS_BEFORE_HUMAN = 2;
  /** From this frustration on, one misunderstanding is enough to offer a person. */
  static final int FRUSTRATION_FOR_HUMAN = 2;

  private static final Pattern LEAVE_FLOW = Pattern.compile(
    "(?i)^\\s*(cancel|stop|never ?mind|forget it|forget about it|no thanks|leave it|quit|exit|nothing|算了|不用了|取消|停|不要了|没事了?)"
      + "[\\s.!。！]*$");
  private final KnowledgeAnswers knowledge;
  private final ShopBackend shop;
  private final ProductRecommendations recommendations;
  private final OfferPacing pacing;
  private final Replies replies;
  private final Clock clock;
  private final Predicate<String> alwaysPerson;
  private final PromotionOffers promotions;
  private final Map<String, Flow> flowsByIntent = new HashMap<>();
  private final Map<String, Flow> flowsByName = new HashMap<>();
  private final Flow policies = new ShopPolicyAnswers();

  public DialogueManager(KnowledgeAnswers knowledge, ShopBackend shop, Replies replies, Clock clock) {
    this(knowledge, shop, ProductRecommendations.NONE, OfferPacing.DEFAULT, replies, clock);
  }

  /**
   * A dialogue that suggests products: when asked, and unasked with {@code pacing}'s restraint (after an order
   * question, items that go with the order).
   */
  public DialogueManager(KnowledgeAnswers knowledge, ShopBackend shop, ProductRecommendations recommendations,
                         OfferPacing pacing, Replies replies, Clock clock) {
    this(knowledge, shop, recommendations, pacing, replies, clock, intent -> false);
  }

  /**
   * With {@code alwaysPerson}: the intents the shop always hands to a person (account deletion, say); such a
   * request, understood with confidence, is handed over at once instead of answered.
   */
  public DialogueManager(KnowledgeAnswers knowledge, ShopBackend shop, ProductRecommendations recommendations,
                         OfferPacing pacing, Replies replies, Clock clock, Predicate<String> alwaysPerson) {
    this(knowledge, shop, recommendations, pacing, replies, clock, alwaysPerson, PromotionOffers.NONE);
  }

  /** With {@code promotions}: coupons the shop's promotion rules let the bot offer (docs/recommendations.md). */
  public DialogueManager(KnowledgeAnswers knowledge, ShopBackend shop, ProductRecommendations recommendations,
                         OfferPacing pacing, Replies replies, Clock clock, Predicate<String> alwaysPerson,
                         PromotionOffers promotions) {
    this.promotions = promotions;
    this.alwaysPerson = alwaysPerson;
    this.knowledge = knowledge;
    this.shop = shop;
    this.recommendations = recommendations;
    this.pacing = pacing;
    this.replies = replies;
    this.clock = clock;
    register(new OrderStatusFlow(), "track_order");
    register(new CancelOrderFlow(), "cancel_order");
    register(new ChangeAddressFlow(), "change_shipping_address", ChangeAddressFlow.CHANGE_ORDER);
    register(new ReturnFlow(), "get_refund");
    register(new RefundStatusFlow(), "track_refund");
    register(new ProductFlow(), ProductFlow.INTENTS.toArray(String[]::new));
    register(policies, ShopPolicyAnswers.INTENTS.toArray(String[]::new));
  }

  private void register(Flow flow, String... intents) {
    flowsByName.put(flow.name(), flow);
    for (String intent : intents) {
      flowsByIntent.put(intent, flow);
    }
  }

  /**
   * How often the bot may show product cards nobody asked for: at most {@code maxPerConversation}, at least
   * {@code minTurnsBetween} shopper turns apart (0 max: never).
   */
  public record OfferPacing(int minTurnsBetween, int maxPerConversation) {
    public static final OfferPacing DEFAULT = new OfferPacing(5, 2);
  }

  public Future<BotReply> respond(DialogueTurn turn) {
    DialogueTurn given = TurnReading.withFrustration(TurnReading.withChosenIntent(turn));
    DialogueTurn read = given.withState(given.state().nextTurn());
    return route(read).compose(reply -> offer(read, reply)).compose(reply -> promote(read, reply))
      .recover(failure -> {
      if (failure instanceof BackendUnavailableException) {
        return Future.succeededFuture(backendDown(read));
      }
      return Future.failedFuture(failure);
    });
  }

  /**
   * After the status of a shipped or delivered order, items that go with it, when the pacing allows and the
   * reply shows nothing else. Never to a shopper who sounds annoyed (a complaint earlier in the conversation
   * that has not yet worn off, as the turn began), nor in a handoff.
   */
  private Future<BotReply> offer(DialogueTurn turn, BotReply reply) {
    DialogueState state = reply.state();
    if (recommendations == ProductRecommendations.NONE || turn.state().frustration() > 0
        || !OrderStatusFlow.NAME.equals(reply.flow())
        || !reply.cards().isEmpty() || state.handoffRequested() || state.lastOrder() == null
        || !state.pacing().allows(pacing.minTurnsBetween(), pacing.maxPerConversation())) {
      return Future.succeededFuture(reply);
    }
    return shop.order(state.lastOrder()).compose(order -> {
      if (order == null || !(order.status().equals(Order.SHIPPED) || order.status().equals(Order.DELIVERED))) {
        return Future.succeededFuture(reply);
      }
      List<String> items = order.lines().stream().map(Order.OrderLine::sku).distinct().toList();
      RecommendationContext complements = new RecommendationContext(null, null, null, null, null, null, items,
        Set.copyOf(items));
      FlowTurn t = flowTurn(TurnReading.withState(turn, state), false);
      return Suggestions.cards(t, complements, false).map(cards -> cards.isEmpty() ? reply
        : reply.withCards("\n\n" + t.say("recommend.complements"), cards).withState(state.offered()));
    }).otherwise(reply);
  }

  /**
   * A coupon, when one of the shop's promotions fits the shopper now; never to an annoyed shopper (frustration as
   * the turn began or now), in or after a complaint (the implementation reads the conversation's earlier turns),
   * in a handoff, nor on the turn that taps an offer.
   */
  private Future<BotReply> promote(DialogueTurn turn, BotReply reply) {
    String payload = turn.payload() == null ? "" : turn.payload();
    if (promotions == PromotionOffers.NONE || turn.conversationId() == null || turn.state().frustration() > 0
        || reply.state().frustration() > 0 || reply.state().handoffRequested() || "complaint".equals(reply.intent())
        || "complaint".equals(turn.understanding().intent()) || payload.startsWith(PROMO_PAYLOAD)) {
      return Future.succeededFuture(reply);
    }
    return promotions.offer(audience(turn)).map(offer -> offer == null ? reply
      : new BotReply(reply.text() + "\n\n" + offer.text(), reply.intent(), reply.confidence(),
        append(reply.quickReplies(), new QuickReply(say(turn, "promo.use_code", "code", offer.code()),
          PROMO_PAYLOAD + offer.offerId())), reply.sources(), reply.cards(), reply.flow(), reply.state()))
      .otherwise(reply);
  }

  /** A tap on a coupon's button: recorded as its click, and the code given to copy. */
  private Future<BotReply> promoCode(DialogueTurn turn, String offerId) {
    return promotions.click(audience(turn), offerId).map(code -> new BotReply(code == null
      ? say(turn, "promo.unknown") : say(turn, "promo.code", "code", code), "promotion", 1f, List.of(), List.of(),
      List.of(), null, turn.state()));
  }

  private static ProductRecommendations.Audience audience(DialogueTurn turn) {
    return new ProductRecommendations.Audience(turn.conversationId(), turn.visitorId(), turn.shopperId(),
      turn.locale());
  }

  private Future<BotReply> route(DialogueTurn turn) {
    String payload = turn.payload() == null ? "" : turn.payload();
    DialogueState state = turn.state();
    if (payload.equals(HUMAN_PAYLOAD)) {
      return Future.succeededFuture(handoff(turn, 1f));
    }
    if (payload.startsWith(ENTRY_PAYLOAD)) {
      return knowledge.entry(payload.substring(ENTRY_PAYLOAD.length()))
        .compose(entry -> entry == null || !entry.locale().equals(turn.locale()) ? answerFromKnowledge(turn)
          : Future.succeededFuture(answer(turn, entry, null, 1f, List.of())));
    }
    if (payload.startsWith(PROMO_PAYLOAD)) {
      return promoCode(turn, payload.substring(PROMO_PAYLOAD.length()));
    }
    if (payload.startsWith(CART_PAYLOAD)) {
      return Future.succeededFuture(addedToCart(turn, payload.substring(CART_PAYLOAD.length())));
    }
    Flow current = state.flow() == null ? null : flowsByName.get(state.flow());
    if (current != null) {
      if (payload.equals(STOP_PAYLOAD) || (payload.isEmpty() && LEAVE_FLOW.matcher(turn.text()).matches())) {
        return Future.succeededFuture(leaveFlow(turn));
      }
      if (payload.equals(RETRY_PAYLOAD)) {
        return current.handle(flowTurn(turn, true));
      }
      FlowTurn t = flowTurn(turn, true);
      if (current.answers(t)) {
        return current.handle(t).map(this::understood);
      }
      return digression(turn, current);
    }
    return fresh(turn);
  }

  /** A turn outside any flow (or leaving one for another): what does its intent call for? */
  private Future<BotReply> fresh(DialogueTurn given) {
    DialogueTurn turn = TurnReading.withContext(given);
    Understanding u = turn.understanding();
    if (u.confidence() < CONVERSATIONAL_THRESHOLD) {
      return unsure(turn);
    }
    if (alwaysPerson.test(u.intent())) {
      return Future.succeededFuture(policyHandoff(turn));
    }
    Flow flow = flowsByIntent.get(u.intent());
    if (flow != null) {
      DialogueTurn started = turn.state().flow() == null ? turn
        : TurnReading.withState(turn, turn.state().flowEnded());
      return flow.handle(flowTurn(started, false)).map(this::understood);
    }
    return switch (u.intent()) {
      case Understanding.GREETING -> Future.succeededFuture(smallTalk(turn, "greeting", suggestions(turn.locale())));
      case Understanding.THANKS -> Future.succeededFuture(smallTalk(turn, "thanks", List.of()));
      case Understanding.GOODBYE -> Future.succeededFuture(smallTalk(turn, "goodbye", List.of()));
      case Understanding.SMALLTALK -> Future.succeededFuture(smallTalk(turn, "smalltalk", suggestions(turn.locale())));
      case Understanding.AFFIRM -> Future.succeededFuture(smallTalk(turn, "affirm", List.of()));
      case Understanding.DENY -> Future.succeededFuture(smallTalk(turn, "deny", List.of()));
      case Understanding.OOS -> Future.succeededFuture(smallTalk(turn, "out_of_scope", suggestions(turn.locale())));
      case Understanding.HUMAN, Understanding.HUMAN_AGENT -> Future.succeededFuture(handoff(turn, u.confidence()));
      case "complaint" -> complaint(turn);
      case "payment_issue" -> withHumanOffer(turn, answerFromKnowledge(turn));
      // Account, invoices, newsletter, reviews, contact details, …: the knowledge base answers.
      default -> answerFromKnowledge(turn);
    };
  }

  /**
   * A turn in a flow that does not answer its question: leaving for another flow, a question answered before
   * asking again, or not understood (ask again, and offer a person after repeated tries).
   */
  private Future<BotReply> digression(DialogueTurn turn, Flow current) {
    Understanding u = turn.understanding();
    String prompt = current.prompt(flowTurn(turn, true));
    if (u.confidence() >= CONVERSATIONAL_THRESHOLD) {
      Flow other = flowsByIntent.get(u.intent());
      if (other != null && other != policies && other != current) {
        return fresh(turn);
      }
      if (other == current) {
        // Starting over with what this turn says ("no, order MT-100003").
        DialogueTurn again = TurnReading.withState(turn, turn.state().flowEnded());
        return current.handle(flowTurn(again, false)).map(this::understood);
      }
      if (u.intent().equals(Understanding.HUMAN) || u.intent().equals(Understanding.HUMAN_AGENT)) {
        return Future.succeededFuture(handoff(turn, u.confidence()));
      }
      if (alwaysPerson.test(u.intent())) {
        return Future.succeededFuture(policyHandoff(turn));
      }
      boolean answerable = other == policies || !TurnReading.isConversational(u.intent());
      if (answerable && prompt != null) {
        // Answer the aside without touching the flow, then ask the flow's question again.
        DialogueTurn aside = TurnReading.withState(turn, turn.state().flowEnded());
        Future<BotReply> answered = other == policies ? policies.handle(flowTurn(aside, false))
          : answerFromKnowledge(aside);
        return answered.map(reply -> reply.state().misunderstandings() > 0 ? reaskAfterMiss(turn, prompt)
          : new BotReply(reply.text() + "\n\n" + say(turn, "flow.back", "question", prompt), reply.intent(),
            reply.confidence(), reply.quickReplies(), reply.sources(), reply.cards(), current.name(),
            turn.state().understood()));
      }
    }
    return Future.succeededFuture(reaskAfterMiss(turn, prompt));
  }

  private BotReply reaskAfterMiss(DialogueTurn turn, String prompt) {
    DialogueState state = turn.state().misunderstood();
    if (tooManyMisses(state)) {
      return new BotReply(say(turn, "flow.still_stuck"), turn.understanding().intent(),
        turn.understanding().confidence(), List.of(human(turn), quick(turn, "button.stop", STOP_PAYLOAD)), List.of(),
        List.of(), state.flow(), state);
    }
    String gap = "zh".equals(turn.locale()) ? "" : " ";
    String text = say(turn, "flow.not_understood") + gap + (prompt == null ? "" : prompt);
    return new BotReply(text.strip(), turn.understanding().intent(), turn.understanding().confidence(),
      List.of(quick(turn, "button.stop", STOP_PAYLOAD)), List.of(), List.of(), state.flow(), state);
  }

  private BotReply leaveFlow(DialogueTurn turn) {
    return new BotReply(say(turn, "flow.left"), turn.understanding().intent(), turn.understanding().confidence(),
      suggestions(turn.locale()), List.of(), List.of(), null, turn.state().flowEnded().understood());
  }

  /** NLU unsure: a confident knowledge answer, else "did you mean A or B?", else "not sure". */
  private Future<BotReply> unsure(DialogueTurn turn) {
    return searchKnowledge(turn).map(hits -> {
      if (!hits.isEmpty() && hits.get(0).confidence() >= ANSWER_THRESHOLD) {
        KnowledgeHit best = hits.get(0);
        return answer(turn, best.entry(), best.passage(), best.confidence(), hits.subList(1, hits.size()));
      }
      List<IntentScore> options = turn.understanding().ranking().stream()
        .filter(s -> s.confidence() >= CLARIFY_THRESHOLD && !TurnReading.isConversational(s.intent()))
        .limit(2).toList();
      if (options.size() == 2 && !tooManyMisses(turn.state().misunderstood())) {
        return clarify(turn, options);
      }
      return notSure(turn, hits);
    });
  }

  private BotReply clarify(DialogueTurn turn, List<IntentScore> options) {
    List<QuickReply> buttons = new ArrayList<>();
    for (IntentScore option : options) {
      buttons.add(new QuickReply(replies.getOrDefault(turn.locale(), "intent." + option.intent(), option.intent()),
        INTENT_PAYLOAD + option.intent()));
    }
    buttons.add(human(turn));
    DialogueState state = turn.state().misunderstood();
    return new BotReply(say(turn, "clarify"), turn.understanding().intent(), turn.understanding().confidence(),
      buttons, List.of(), List.of(), state.flow(), state);
  }

  /**
   * The knowledge base's three best entries for the turn's words, offered the NLU's sentence vector of them: with
   * the transformer NLU the search then needs no forward pass of its own.
   */
  private Future<List<KnowledgeHit>> searchKnowledge(DialogueTurn turn) {
    return knowledge.search(turn.text(), turn.locale(), 3, turn.understanding().sentence());
  }

  private Future<BotReply> answerFromKnowledge(DialogueTurn turn) {
    return searchKnowledge(turn).map(hits -> {
      if (!hits.isEmpty() && hits.get(0).confidence() >= ANSWER_THRESHOLD) {
        KnowledgeHit best = hits.get(0);
        return answer(turn, best.entry(), best.passage(), best.confidence(), hits.subList(1, hits.size()));
      }
      return notSure(turn, hits);
    });
  }

  /**
   * The entry's answer, or only its {@code passage} (the paragraph of a long answer the question is about) with a
   * "Full answer" button that asks for the whole entry.
   */
  private BotReply answer(DialogueTurn turn, KnowledgeEntry entry, String passage, float confidence,
      List<KnowledgeHit> others) {
    List<QuickReply> related = new ArrayList<>();
    if (passage != null) {
      related.add(new QuickReply(say(turn, "button.full_answer"), ENTRY_PAYLOAD + entry.id()));
    }
    for (KnowledgeHit hit : others) {
      if (hit.confidence() >= SUGGEST_THRESHOLD && related.size() < (passage == null ? 2 : 3)) {
        related.add(new QuickReply(hit.entry().title(), ENTRY_PAYLOAD + hit.entry().id()));
      }
    }
    // The NLU's intent is kept (delivery_period, get_invoice, …) for the transcript and analytics; the
    // knowledge entry that answered is in the sources.
    String text = passage != null ? passage : entry.answer();
    return new BotReply(text, turn.understanding().intent(), confidence, related,
      List.of(new Source(entry.id(), entry.title())), turn.state().understood());
  }

  private BotReply notSure(DialogueTurn turn, List<KnowledgeHit> hits) {
    DialogueState state = turn.state().misunderstood();
    QuickReply human = human(turn);
    if (tooManyMisses(state)) {
      return new BotReply(say(turn, "not_sure_again"), turn.understanding().intent(),
        turn.understanding().confidence(), List.of(human), List.of(), state);
    }
    List<QuickReply> options = new ArrayList<>();
    for (KnowledgeHit hit : hits) {
      if (hit.confidence() >= SUGGEST_THRESHOLD && options.size() < 2) {
        options.add(new QuickReply(hit.entry().title(), ENTRY_PAYLOAD + hit.entry().id()));
      }
    }
    if (options.isEmpty()) {
      options.addAll(suggestions(turn.locale()));
    }
    options.add(human);
    return new BotReply(say(turn, "not_sure"), turn.understanding().intent(), turn.understanding().confidence(),
      options, List.of(), state);
  }

  /** Empathy first, then what the knowledge base knows, and a person offered. */
  private Future<BotReply> complaint(DialogueTurn turn) {
    DialogueTurn upset = TurnReading.withState(turn, turn.state().frustrated(1));
    return answerFromKnowledge(upset).map(reply -> {
      String text = reply.sources().isEmpty() ? say(turn, "complaint") : say(turn, "complaint") + "\n\n" + reply.text();
      return new BotReply(text, turn.understanding().intent(), turn.understanding().confidence(),
        List.of(human(turn), quick(turn, "button.no_thanks", NO_PAYLOAD)), reply.sources(), List.of(), null,
        upset.state().understood().frustrated(0));
    });
  }

  private Future<BotReply> withHumanOffer(DialogueTurn turn, Future<BotReply> reply) {
    return reply.map(r -> r.quickReplies().stream().anyMatch(q -> q.payload().equals(HUMAN_PAYLOAD)) ? r
      : r.withQuickReplies(append(r.quickReplies(), human(turn))));
  }

  private BotReply addedToCart(DialogueTurn turn, String sku) {
    return new BotReply(say(turn, "cart.added"), "add_to_cart", 1f, List.of(), List.of(), List.of(), null,
      turn.state().understood());
  }

  /** The shop backend cannot answer: say so, keep the flow where it was, offer to retry or a person. */
  private BotReply backendDown(DialogueTurn turn) {
    DialogueState state = turn.state();
    List<QuickReply> buttons = state.flow() == null ? List.of(human(turn))
      : List.of(quick(turn, "button.retry", RETRY_PAYLOAD), human(turn));
    return new BotReply(say(turn, "backend_down"), turn.understanding().intent(), turn.understanding().confidence(),
      buttons, List.of(), List.of(), state.flow(), state);
  }

  private BotReply smallTalk(DialogueTurn turn, String key, List<QuickReply> quickReplies) {
    return new BotReply(say(turn, key), turn.understanding().intent(), turn.understanding().confidence(), quickReplies,
      List.of(), turn.state().understood());
  }

  private BotReply handoff(DialogueTurn turn, float confidence) {
    return new BotReply(say(turn, "handoff"), Understanding.HUMAN, confidence, List.of(), List.of(),
      turn.state().withHandoff());
  }

  /** A request the shop always gives a person: said so, and handed over (the flow, if any, left). */
  private BotReply policyHandoff(DialogueTurn turn) {
    return new BotReply(say(turn, "handoff.policy"), Understanding.HUMAN, turn.understanding().confidence(),
      List.of(), List.of(), turn.state().flowEnded().understood().withHandoff());
  }

  private BotReply understood(BotReply reply) {
    return reply.withState(reply.state().understood());
  }

  private boolean tooManyMisses(DialogueState state) {
    int limit = state.frustration() >= FRUSTRATION_FOR_HUMAN ? 1 : MISUNDERSTANDINGS_BEFORE_HUMAN;
    return state.misunderstandings() >= limit;
  }

  private FlowTurn flowTurn(DialogueTurn turn, boolean resumed) {
    return new FlowTurn(turn, turn.state(), shop, recommendations, replies, clock, resumed);
  }

  private String say(DialogueTurn turn, String key, Object... values) {
    return replies.get(turn.locale(), key, values);
  }

  private QuickReply quick(DialogueTurn turn, String key, String payload) {
    return new QuickReply(say(turn, key), payload);
  }

  private QuickReply human(DialogueTurn turn) {
    return quick(turn, "button.human", HUMAN_PAYLOAD);
  }

  private List<QuickReply> suggestions(String locale) {
    return List.of(new QuickReply(replies.get(locale, "suggest.order"), INTENT_PAYLOAD + "track_order"),
      new QuickReply(replies.get(locale, "suggest.delivery"), ASK_PAYLOAD),
      new QuickReply(replies.get(locale, "suggest.returns"), ASK_PAYLOAD));
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }
}
