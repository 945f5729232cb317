package com.shopchat.dialogue;

import com.shopchat.commerce.ShopBackend;
import com.shopchat.dialogue.BotReply.ProductCard;
import com.shopchat.dialogue.BotReply.QuickReply;
import com.shopchat.nlu.Understanding;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One shopper turn as a flow sees it: the words and the NLU's reading, the conversation's state (which the
 * flow replaces as it goes), the shop backend, the reply templates, and helpers to word replies.
 */
final class FlowTurn {

  /** What a flow awaits when it asked a yes/no question. */
  static final String CONFIRM = "confirm";

  private static final Pattern YES = Pattern.compile(
    "(?i)^\\s*(yes|yeah|yep|yup|sure|ok|okay|please do|do it|go ahead|confirm|correct|right|是|是的|好|好的|对|对的|可以|确认|行)"
      + "([\\s,.!。！,]|$).*");
  private static final Pattern NO = Pattern.compile(
    "(?i)^\\s*(no|nope|nah|don'?t|do not|not now|keep it|cancel that|不|不要|不用|别|算了|否)([\\s,.!。！,]|$).*");

  enum Answer { YES, NO, NONE }

  private final DialogueTurn turn;
  private final ShopBackend shop;
  private final ProductRecommendations recommendations;
  private final Replies replies;
  private final Clock clock;
  private final boolean resumed;
  private DialogueState state;

  FlowTurn(DialogueTurn turn, DialogueState state, ShopBackend shop, ProductRecommendations recommendations,
           Replies replies, Clock clock, boolean resumed) {
    this.turn = turn;
    this.state = state;
    this.shop = shop;
    this.recommendations = recommendations;
    this.replies = replies;
    this.clock = clock;
    this.resumed = resumed;
  }

  String locale() {
    return turn.locale();
  }

  String text() {
    return turn.text();
  }

  /** The quick-reply payload the shopper tapped, or "". */
  String payload() {
    return turn.payload() == null ? "" : turn.payload();
  }

  Understanding understanding() {
    return turn.understanding();
  }

  String intent() {
    return turn.understanding().intent();
  }

  /** The shopper id the shop vouched for (signed identity), or {@code null} for an anonymous shopper. */
  String shopperId() {
    return turn.shopperId();
  }

  /** Whether the flow was already under way before this turn (false: this turn starts it). */
  boolean resumed() {
    return resumed;
  }

  ShopBackend shop() {
    return shop;
  }

  Clock clock() {
    return clock;
  }

  ProductRecommendations recommendations() {
    return recommendations;
  }

  /** Whose conversation this is, for recommendations. */
  ProductRecommendations.Audience audience() {
    return new ProductRecommendations.Audience(turn.conversationId(), turn.visitorId(), turn.shopperId(), locale());
  }

  DialogueState state() {
    return state;
  }

  void state(DialogueState newState) {
    state = newState;
  }

  /** The value of the payload's {@code prefix}, e.g. {@code /order:MT-1} → {@code MT-1}, or {@code null}. */
  String payloadValue(String prefix) {
    String p = payload();
    return p.startsWith(prefix) && p.length() > prefix.length() ? p.substring(prefix.length()) : null;
  }

  /** Whether this turn says yes or no: a quick reply, an affirm/deny reading, or the words themselves. */
  Answer answer() {
    String p = payload();
    if (p.equals(DialogueManager.YES_PAYLOAD)) {
      return Answer.YES;
    }
    if (p.equals(DialogueManager.NO_PAYLOAD)) {
      return Answer.NO;
    }
    String t = text().strip();
    if (NO.matcher(t).matches()) {
      return Answer.NO;
    }
    if (YES.matcher(t).matches()) {
      return Answer.YES;
    }
    Understanding u = understanding();
    if (u.confidence() >= DialogueManager.CONVERSATIONAL_THRESHOLD) {
      if (u.intent().equals(Understanding.AFFIRM)) {
        return Answer.YES;
      }
      if (u.intent().equals(Understanding.DENY)) {
        return Answer.NO;
      }
    }
    return Answer.NONE;
  }

  /** Between two sentences: a space in English, nothing in Chinese. */
  String gap() {
    return "zh".equals(locale()) ? "" : " ";
  }

  String say(String key, Object... values) {
    return replies.get(locale(), key, values);
  }

  /** The template {@code key} when there is one, else {@code fallback} (names of colours, categories). */
  String sayOr(String key, String fallback) {
    return replies.getOrDefault(locale(), key, fallback);
  }

  QuickReply quick(String titleKey, String payload) {
    return new QuickReply(say(titleKey), payload);
  }

  List<QuickReply> yesNo() {
    return List.of(quick("button.yes", DialogueManager.YES_PAYLOAD), quick("button.no", DialogueManager.NO_PAYLOAD));
  }

  QuickReply human() {
    return quick("button.human", DialogueManager.HUMAN_PAYLOAD);
  }

  /** A reply of {@code flow} with the current state. */
  BotReply reply(String flow, String text, List<QuickReply> quickReplies) {
    return reply(flow, text, quickReplies, List.of());
  }

  BotReply reply(String flow, String text, List<QuickReply> quickReplies, List<ProductCard> cards) {
    Understanding u = understanding();
    return new BotReply(text, u.intent(), u.confidence(), quickReplies, List.of(), cards, flow, state);
  }

  /** The flow asks for {@code what} next, keeping {@code slots}. */
  void awaiting(String flow, String what, Map<String, String> slots) {
    state = state.inFlow(flow, what, slots);
  }

  /** The flow is over. */
  void ended() {
    state = state.flowEnded();
  }

  /** An amount for the shopper: "€79.00" (or "79.00 USD" for other currencies). */
  String money(long cents, String currency) {
    String amount = String.format(Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    return switch (currency == null ? "EUR" : currency) {
      case "EUR" -> "€" + amount;
      case "USD" -> "$" + amount;
      case "GBP" -> "£" + amount;
      default -> amount + " " + currency;
    };
  }

  /** A date for the shopper: "Mon 24 Nov" or "11月24日（周一）". */
  String date(LocalDate date) {
    if ("zh".equals(locale())) {
      return date.format(DateTimeFormatter.ofPattern("M月d日（E）", Locale.CHINA));
    }
    return date.format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH));
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }
}
