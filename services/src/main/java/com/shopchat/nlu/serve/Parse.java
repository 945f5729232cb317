package com.shopchat.nlu.serve;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.IntentScore;
import java.util.List;

/**
 * What {@code /api/nlu/parse} reports for one utterance: the chosen intent, the best few intents most
 * likely first (the chosen one included), the version of the model that decided, and the entities found, in
 * text order with spans into the utterance.
 */
public record Parse(IntentScore intent, List<IntentScore> ranking, String modelVersion, List<Entity> entities) {

  /** How many intents a ranking lists at most. */
  public static final int RANKING_SIZE = 5;

  public Parse {
    ranking = List.copyOf(ranking);
    entities = List.copyOf(entities);
  }
}
