package com.shopchat.nlu.serve;

import com.shopchat.nlu.BaselineIntentRecognizer;
import com.shopchat.nlu.IntentRecognizer;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.IntentScore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** An intent recognizer that can also explain itself: a ranking and the model version behind it. */
public interface IntentParser extends IntentRecognizer {

  /** The version reported by {@link #baseline}. */
  String BASELINE_VERSION = Understanding.BASELINE_VERSION;

  Future<Parse> parse(String text, String locale);

  @Override
  default Future<Understanding> understand(String text, String locale) {
    return parse(text, locale).map(p -> new Understanding(p.intent().intent(), p.intent().confidence(), p.modelVersion()));
  }

  /** The whole reading the dialogue works from: intent, ranking and entities. */
  default Future<Understanding> read(String text, String locale) {
    return parse(text, locale).map(p -> new Understanding(p.intent().intent(), p.intent().confidence(),
      p.modelVersion(), p.ranking(), p.entities()));
  }

  /**
   * The rule-based recognizer, whose ranking is just the one intent it settles on, with the entities of
   * {@code extractor} (found on a worker thread).
   */
  static IntentParser baseline(Vertx vertx, BaselineIntentRecognizer rules, EntityExtractor extractor) {
    return new IntentParser() {
      @Override
      public Future<Parse> parse(String text, String locale) {
        Future<List<Entity>> entities = extractEntities(vertx, extractor, text);
        return rules.understand(text, locale).compose(u -> entities.map(found -> {
          IntentScore top = new IntentScore(u.intent(), u.confidence());
          return new Parse(top, List.of(top), BASELINE_VERSION, found);
        }));
      }

      @Override
      public Future<Understanding> understand(String text, String locale) {
        return rules.understand(text, locale);
      }
    };
  }

  /**
   * The entities of {@code text}, found on a worker thread: cheap, but a catalog lookup is a Lucene search and
   * the event loop only composes. Unordered, so utterances do not queue behind each other.
   */
  static Future<List<Entity>> extractEntities(Vertx vertx, EntityExtractor extractor, String text) {
    return vertx.executeBlocking(() -> extractor.extract(text), false);
  }
}
