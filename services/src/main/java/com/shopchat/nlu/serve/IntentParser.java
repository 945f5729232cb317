package com.shopchat.nlu.serve;

import com.shopchat.nlu.BaselineIntentRecognizer;
import com.shopchat.nlu.IntentRecognizer;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.model.IntentScore;
import io.vertx.core.Future;
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

  /** The rule-based recognizer, whose ranking is just the one intent it settles on. */
  static IntentParser baseline(BaselineIntentRecognizer rules) {
    return new IntentParser() {
      @Override
      public Future<Parse> parse(String text, String locale) {
        return rules.understand(text, locale).map(u -> {
          IntentScore top = new IntentScore(u.intent(), u.confidence());
          return new Parse(top, List.of(top), BASELINE_VERSION);
        });
      }

      @Override
      public Future<Understanding> understand(String text, String locale) {
        return rules.understand(text, locale);
      }
    };
  }
}
