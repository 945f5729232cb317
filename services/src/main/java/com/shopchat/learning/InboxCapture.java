package com.shopchat.learning;

import com.shopchat.conversation.TurnObserver;
import com.shopchat.dialogue.BotReply;
import com.shopchat.dialogue.DialogueManager;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.model.IntentScore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the shopper messages the bot was unsure about for review (the NLU inbox): read with low confidence, or
 * as out of scope, answered with "did you mean …?" or "not sure", or handed to a person the shopper did not ask
 * for. Typed messages only: a tapped button says nothing about how shoppers phrase things.
 */
public final class InboxCapture implements TurnObserver {

  /** Below this the dialogue calls the NLU unsure (DialogueManager's conversational threshold). */
  public static final float LOW_CONFIDENCE = 0.5f;
  public static final String LOW = "low_confidence";
  public static final String CLARIFICATION = "clarification";
  public static final String OOS = "oos";
  public static final String FALLBACK = "fallback";
  public static final String HANDOFF = "handoff";

  private static final Logger LOG = LoggerFactory.getLogger(InboxCapture.class);

  private final LearningRepository repository;

  public InboxCapture(LearningRepository repository) {
    this.repository = repository;
  }

  @Override
  public void answered(Turn turn) {
    if (turn.payload() != null && !turn.payload().isEmpty()) {
      if (turn.payload().startsWith(DialogueManager.INTENT_PAYLOAD)) {
        repository.chosen(turn.conversation().id(), turn.message().seq(),
            turn.payload().substring(DialogueManager.INTENT_PAYLOAD.length()))
          .onFailure(e -> LOG.warn("recording a shopper's chosen intent failed: {}", e.toString()));
      }
      return;
    }
    List<String> reasons = reasons(turn);
    if (reasons.isEmpty()) {
      return;
    }
    Understanding u = turn.understanding();
    BotReply reply = turn.reply();
    boolean unanswered = reply.sources().isEmpty() && reply.cards().isEmpty()
      && (reasons.contains(OOS) || reasons.contains(FALLBACK) || reasons.contains(CLARIFICATION));
    JsonArray ranking = new JsonArray();
    for (IntentScore s : u.ranking()) {
      ranking.add(new JsonObject().put("intent", s.intent()).put("confidence", s.confidence()));
    }
    repository.capture(new LearningRepository.Capture(turn.conversation().id(), turn.message().seq(),
        turn.message().text(), turn.locale(), u.intent(), u.confidence(), ranking, u.modelVersion(), reasons,
        unanswered))
      .onFailure(e -> LOG.warn("queueing a message for NLU review failed: {}", e.toString()));
  }

  /** Why the turn deserves a person's look; empty when the bot was sure and answered. */
  static List<String> reasons(Turn turn) {
    Understanding u = turn.understanding();
    BotReply reply = turn.reply();
    List<String> reasons = new ArrayList<>();
    if (Understanding.OOS.equals(u.intent())) {
      reasons.add(OOS);
    } else if (u.confidence() < LOW_CONFIDENCE) {
      reasons.add(LOW);
    }
    if (reply.quickReplies().stream().anyMatch(q -> q.payload().startsWith(DialogueManager.INTENT_PAYLOAD))) {
      reasons.add(CLARIFICATION);
    } else if (reply.state().misunderstandings() > turn.before().misunderstandings()) {
      reasons.add(FALLBACK);
    }
    boolean askedForPerson = Understanding.HUMAN.equals(u.intent()) || Understanding.HUMAN_AGENT.equals(u.intent());
    if (Understanding.HUMAN.equals(reply.intent()) && !askedForPerson && !reasons.isEmpty()) {
      reasons.add(HANDOFF);
    }
    return reasons;
  }
}
