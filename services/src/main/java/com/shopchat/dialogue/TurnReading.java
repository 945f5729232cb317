package com.shopchat.dialogue;

import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.IntentScore;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the dialogue reads a turn before routing it: a tapped intent button counts as that intent, the words'
 * frustration is added to the state, and a vague reading is understood in the light of the conversation
 * ("and where is it now?", "what about the blue one?").
 */
final class TurnReading {

  private static final Pattern NEGATIVE = Pattern.compile(
    "(?i)\\b(useless|stupid|idiot|ridiculous|terrible|awful|horrible|worst|hate|angry|furious|annoying|annoyed|"
      + "pathetic|rubbish|garbage|scam|unacceptable|disgusting|wtf|damn|fed up|sick of)\\b|垃圾|太差|生气|气死|废物|"
      + "骗子|恶心|无语|什么破|受够");

  /** Words that point back at what the conversation was about ("it", "my order", "这个"). */
  static final Pattern REFERS_BACK = Pattern.compile(
    "(?i)\\b(it|its|it's|that|this|they|them|the order|my order)\\b|它|这个|那个|这单|那单|该订单");
  /** Intents about one order, which "it" can carry over to from the order last talked about. */
  private static final List<String> ORDER_INTENTS = List.of("track_order", "cancel_order", "get_refund",
    "track_refund", "change_shipping_address");

  /** A quick reply naming an intent counts as that intent, said with certainty; the entities and vector stay. */
  static DialogueTurn withChosenIntent(DialogueTurn turn) {
    String payload = turn.payload() == null ? "" : turn.payload();
    String prefix = DialogueManager.INTENT_PAYLOAD;
    if (!payload.startsWith(prefix) || payload.length() == prefix.length()) {
      return turn;
    }
    Understanding u = turn.understanding();
    Understanding chosen = new Understanding(payload.substring(prefix.length()), 1f, u.modelVersion(), null,
      u.entities(), u.sentence());
    return new DialogueTurn(turn.text(), null, turn.locale(), chosen, turn.state(), turn.shopperId(),
      turn.conversationId(), turn.visitorId());
  }

  /**
   * Reads a vague turn in the light of the conversation: "and where is it now?" after an order was discussed
   * is about that order; an order number alone asks about that order; "what about the blue one?" after
   * products were shown refines that search. A confident reading is left as it is.
   */
  static DialogueTurn withContext(DialogueTurn turn) {
    Understanding u = turn.understanding();
    boolean vague = u.confidence() < DialogueManager.CONVERSATIONAL_THRESHOLD || u.intent().equals(Understanding.OOS)
      || u.intent().equals(Understanding.SMALLTALK);
    if (!vague) {
      return turn;
    }
    DialogueState state = turn.state();
    String orderIntent = u.ranking().stream().map(IntentScore::intent).filter(ORDER_INTENTS::contains).findFirst()
      .orElse("track_order");
    if (u.entity(Entity.ORDER_ID) != null
      || (state.lastOrder() != null && REFERS_BACK.matcher(turn.text()).find()
        && u.ranking().stream().anyMatch(s -> ORDER_INTENTS.contains(s.intent())))) {
      return withUnderstanding(turn, orderIntent);
    }
    boolean refines = !u.entities(Entity.COLOR).isEmpty()
      || !u.entities(Entity.SIZE).isEmpty()
      || !u.entities(Entity.MONEY).isEmpty();
    if (!state.lastProducts().isEmpty() && refines) {
      return withUnderstanding(turn, "product_search");
    }
    return turn;
  }

  private static DialogueTurn withUnderstanding(DialogueTurn turn, String intent) {
    Understanding u = turn.understanding();
    float confidence = Math.max(u.confidence(), DialogueManager.CONVERSATIONAL_THRESHOLD);
    Understanding read = new Understanding(intent, confidence, u.modelVersion(),
      u.ranking(), u.entities(), u.sentence());
    return turn.withUnderstanding(read);
  }

  /** Negative wording, shouting or a repeated complaint raise the frustration the bot keeps in mind. */
  static DialogueTurn withFrustration(DialogueTurn turn) {
    int by = frustrationIn(turn.text());
    return by == 0 ? turn : withState(turn, turn.state().frustrated(by));
  }

  static int frustrationIn(String text) {
    int score = 0;
    if (NEGATIVE.matcher(text).find()) {
      score++;
    }
    long letters = text.chars().filter(Character::isLetter).count();
    long upper = text.chars().filter(Character::isUpperCase).count();
    if (letters >= 8 && upper >= letters * 0.7) {
      score++;
    }
    if (text.contains("!!") || text.contains("！！") || text.contains("?!")) {
      score++;
    }
    return score;
  }

  static boolean isConversational(String intent) {
    return switch (intent) {
      case Understanding.GREETING, Understanding.GOODBYE, Understanding.THANKS, Understanding.SMALLTALK,
           Understanding.AFFIRM, Understanding.DENY, Understanding.OOS -> true;
      default -> false;
    };
  }

  static DialogueTurn withState(DialogueTurn turn, DialogueState state) {
    return turn.withState(state);
  }


  private TurnReading() {
  }
}
