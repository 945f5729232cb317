package com.shopchat.dialogue;

import com.shopchat.dialogue.BotReply.QuickReply;
import com.shopchat.dialogue.BotReply.Source;
import com.shopchat.dialogue.Phrases.Key;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.Understanding;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the bot's reply to one shopper turn: small talk, a knowledge-base answer with its source, an
 * honest "I don't know" with suggestions, or a handoff to a person. Pure logic over the NLU's reading,
 * the knowledge base and the conversation's {@link DialogueState}; no HTTP, no database.
 */
public final class DialogueManager {

  /** Quick-reply payload that asks for a person. */
  public static final String HUMAN_PAYLOAD = "/human";
  /** Quick-reply payload that asks a question in its title's words. */
  public static final String ASK_PAYLOAD = "/ask";
  /** Quick-reply payload prefix that picks one knowledge entry. */
  public static final String ENTRY_PAYLOAD = "kb:";

  /** Below this retrieval confidence the bot does not answer from the knowledge base. */
  static final float ANSWER_THRESHOLD = 0.5f;
  /** Entries this close to the question are offered as "related" or "did you mean" buttons. */
  static final float SUGGEST_THRESHOLD = 0.3f;
  /** Below this NLU confidence a conversational intent (greeting, out of scope, …) is not acted on. */
  static final float CONVERSATIONAL_THRESHOLD = 0.5f;
  /** After this many misunderstandings in a row the bot offers a person rather than more guesses. */
  static final int MISUNDERSTANDINGS_BEFORE_HUMAN = 2;

  private final KnowledgeAnswers knowledge;

  public DialogueManager(KnowledgeAnswers knowledge) {
    this.knowledge = knowledge;
  }

  public Future<BotReply> respond(DialogueTurn turn) {
    String payload = turn.payload() == null ? "" : turn.payload();
    if (payload.equals(HUMAN_PAYLOAD)) {
      return Future.succeededFuture(handoff(turn, 1f));
    }
    if (payload.startsWith(ENTRY_PAYLOAD)) {
      return knowledge.entry(payload.substring(ENTRY_PAYLOAD.length()))
        .compose(entry -> entry == null || !entry.locale().equals(turn.locale()) ? answerFromKnowledge(turn)
          : Future.succeededFuture(answer(turn, entry, 1f, List.of())));
    }
    Understanding u = turn.understanding();
    // A conversational reading the model is unsure of is better tried against the knowledge base, which
    // answers only when it finds something close and otherwise says so.
    if (u.confidence() < CONVERSATIONAL_THRESHOLD) {
      return answerFromKnowledge(turn);
    }
    return switch (u.intent()) {
      case Understanding.GREETING -> Future.succeededFuture(smallTalk(turn, Key.GREETING, suggestions(turn.locale())));
      case Understanding.THANKS -> Future.succeededFuture(smallTalk(turn, Key.THANKS, List.of()));
      case Understanding.GOODBYE -> Future.succeededFuture(smallTalk(turn, Key.GOODBYE, List.of()));
      case Understanding.SMALLTALK -> Future.succeededFuture(smallTalk(turn, Key.SMALLTALK, suggestions(turn.locale())));
      case Understanding.AFFIRM -> Future.succeededFuture(smallTalk(turn, Key.AFFIRM, List.of()));
      case Understanding.DENY -> Future.succeededFuture(smallTalk(turn, Key.DENY, List.of()));
      case Understanding.OOS -> Future.succeededFuture(smallTalk(turn, Key.OUT_OF_SCOPE, suggestions(turn.locale())));
      case Understanding.HUMAN, Understanding.HUMAN_AGENT -> Future.succeededFuture(handoff(turn, u.confidence()));
      // Orders, refunds, delivery, payment, account and product questions: the knowledge base answers
      // them until multi-turn flows take them over.
      default -> answerFromKnowledge(turn);
    };
  }

  private Future<BotReply> answerFromKnowledge(DialogueTurn turn) {
    return knowledge.search(turn.text(), turn.locale(), 3).map(hits -> {
      if (!hits.isEmpty() && hits.get(0).confidence() >= ANSWER_THRESHOLD) {
        KnowledgeHit best = hits.get(0);
        return answer(turn, best.entry(), best.confidence(), hits.subList(1, hits.size()));
      }
      return notSure(turn, hits);
    });
  }

  private BotReply answer(DialogueTurn turn, KnowledgeEntry entry, float confidence, List<KnowledgeHit> others) {
    List<QuickReply> related = new ArrayList<>();
    for (KnowledgeHit hit : others) {
      if (hit.confidence() >= SUGGEST_THRESHOLD && related.size() < 2) {
        related.add(new QuickReply(hit.entry().title(), ENTRY_PAYLOAD + hit.entry().id()));
      }
    }
    // The NLU's intent is kept (track_order, delivery_period, …) for the transcript and analytics; the
    // knowledge entry that answered is in the sources.
    return new BotReply(entry.answer(), turn.understanding().intent(), confidence, related,
      List.of(new Source(entry.id(), entry.title())), turn.state().understood());
  }

  private BotReply notSure(DialogueTurn turn, List<KnowledgeHit> hits) {
    DialogueState state = turn.state().misunderstood();
    String locale = turn.locale();
    QuickReply human = new QuickReply(Phrases.get(locale, Key.TALK_TO_PERSON), HUMAN_PAYLOAD);
    if (state.misunderstandings() >= MISUNDERSTANDINGS_BEFORE_HUMAN) {
      return new BotReply(Phrases.get(locale, Key.NOT_SURE_AGAIN), turn.understanding().intent(),
        turn.understanding().confidence(), List.of(human), List.of(), state);
    }
    List<QuickReply> options = new ArrayList<>();
    for (KnowledgeHit hit : hits) {
      if (hit.confidence() >= SUGGEST_THRESHOLD && options.size() < 2) {
        options.add(new QuickReply(hit.entry().title(), ENTRY_PAYLOAD + hit.entry().id()));
      }
    }
    if (options.isEmpty()) {
      options.addAll(suggestions(locale));
    }
    options.add(human);
    return new BotReply(Phrases.get(locale, Key.NOT_SURE), turn.understanding().intent(),
      turn.understanding().confidence(), options, List.of(), state);
  }

  private static BotReply smallTalk(DialogueTurn turn, Key key, List<QuickReply> quickReplies) {
    return new BotReply(Phrases.get(turn.locale(), key), turn.understanding().intent(),
      turn.understanding().confidence(), quickReplies, List.of(), turn.state().understood());
  }

  private static BotReply handoff(DialogueTurn turn, float confidence) {
    return new BotReply(Phrases.get(turn.locale(), Key.HANDOFF), Understanding.HUMAN, confidence, List.of(),
      List.of(), turn.state().withHandoff());
  }

  private static List<QuickReply> suggestions(String locale) {
    return List.of(new QuickReply(Phrases.get(locale, Key.SUGGEST_DELIVERY), ASK_PAYLOAD),
      new QuickReply(Phrases.get(locale, Key.SUGGEST_RETURNS), ASK_PAYLOAD));
  }
}
