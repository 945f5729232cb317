package com.shopchat.ops;

import com.shopchat.dialogue.KnowledgeAnswers;
import com.shopchat.dialogue.ProductRecommendations;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.SentenceVector;
import com.shopchat.ops.Metrics.Stage;
import io.vertx.core.Future;
import java.util.List;

/**
 * The dialogue's collaborators with each call timed as a bot-turn stage ({@code kb}, {@code recommendations}):
 * the dialogue manager stays pure logic and never sees a meter.
 */
public final class TimedStages {

  private TimedStages() {
  }

  /** {@code knowledge} with every search and entry lookup timed as stage {@code kb}. */
  public static KnowledgeAnswers knowledge(KnowledgeAnswers knowledge, Metrics metrics) {
    return new KnowledgeAnswers() {
      @Override
      public Future<List<KnowledgeHit>> search(String text, String locale, int limit) {
        return metrics.time(Stage.KB, () -> knowledge.search(text, locale, limit));
      }

      @Override
      public Future<List<KnowledgeHit>> search(String text, String locale, int limit, SentenceVector vector) {
        return metrics.time(Stage.KB, () -> knowledge.search(text, locale, limit, vector));
      }

      @Override
      public Future<KnowledgeEntry> entry(String id) {
        return metrics.time(Stage.KB, () -> knowledge.entry(id));
      }
    };
  }

  /** {@code recommendations} with every pick timed as stage {@code recommendations}. */
  public static ProductRecommendations recommendations(ProductRecommendations recommendations, Metrics metrics) {
    return (who, context, limit, asked) -> metrics.time(Stage.RECOMMENDATIONS,
      () -> recommendations.pick(who, context, limit, asked));
  }
}
