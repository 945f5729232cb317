package com.shopchat.nlu;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.IntentScore;
import java.util.List;

/**
 * What the NLU made of one utterance: the intent it settled on, how sure it is (0..1), the version of the
 * model that decided ({@code baseline} for the rule-based recognizer), the best few intents most likely
 * first (for "did you mean …?"), the entities found in the text and, when the transformer read it, the sentence
 * vector of the text from the same forward pass ({@code null} otherwise), which spares the knowledge base a pass
 * of its own when its vectors come from the same model.
 */
public record Understanding(String intent, float confidence, String modelVersion, List<IntentScore> ranking,
                            List<Entity> entities, SentenceVector sentence) {

  public static final String GREETING = "greeting";
  public static final String GOODBYE = "goodbye";
  public static final String THANKS = "thanks";
  public static final String FAQ = "faq";
  public static final String HUMAN = "human";
  /** The transformer's name for asking for a person (bitext's intent). */
  public static final String HUMAN_AGENT = "contact_human_agent";
  public static final String SMALLTALK = "smalltalk";
  public static final String AFFIRM = "affirm";
  public static final String DENY = "deny";
  /** Out of scope: something this shop's assistant cannot help with. */
  public static final String OOS = "oos";
  public static final String BASELINE_VERSION = "baseline";

  public Understanding {
    ranking = ranking == null || ranking.isEmpty() ? List.of(new IntentScore(intent, confidence)) : List.copyOf(ranking);
    entities = entities == null ? List.of() : List.copyOf(entities);
  }

  /** An understanding without a sentence vector. */
  public Understanding(String intent, float confidence, String modelVersion, List<IntentScore> ranking,
                       List<Entity> entities) {
    this(intent, confidence, modelVersion, ranking, entities, null);
  }

  /** An understanding without a ranking or entities. */
  public Understanding(String intent, float confidence, String modelVersion) {
    this(intent, confidence, modelVersion, null, null);
  }

  /** An understanding from the rule-based baseline. */
  public Understanding(String intent, float confidence) {
    this(intent, confidence, BASELINE_VERSION);
  }

  /** A shopper's explicit choice (a quick reply naming an intent): certain, nothing else in the ranking. */
  public static Understanding chosen(String intent, String modelVersion) {
    return new Understanding(intent, 1f, modelVersion);
  }

  /** The same reading with the entities found in the text. */
  public Understanding withEntities(List<Entity> found) {
    return new Understanding(intent, confidence, modelVersion, ranking, found, sentence);
  }

  /** The same reading with this sentence vector ({@code null}: none). */
  public Understanding withSentence(SentenceVector vector) {
    return new Understanding(intent, confidence, modelVersion, ranking, entities, vector);
  }

  /** The normalized value of the first entity of that type, or {@code null}. */
  public String entity(String type) {
    for (Entity e : entities) {
      if (e.type().equals(type)) {
        return e.value();
      }
    }
    return null;
  }

  /** The entities of that type, in text order. */
  public List<Entity> entities(String type) {
    return entities.stream().filter(e -> e.type().equals(type)).toList();
  }
}
