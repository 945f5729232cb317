package com.shopchat.nlu.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Intent evaluation")
class IntentEvaluationTest {

  // Two in-scope answers (sure and unsure) and two out-of-scope ones the model got wrong, at 0.5 and 0.7.
  private static final List<LabeledText> DATA = List.of(new LabeledText("where is my order", "track_order"),
      new LabeledText("refund pls", "get_refund"), new LabeledText("weather?", "oos"),
      new LabeledText("tell me a joke", "oos"));
  private static final List<Prediction> PREDICTIONS = List.of(new Prediction("track_order", 0.95f),
      new Prediction("get_refund", 0.6f), new Prediction("smalltalk", 0.5f), new Prediction("greeting", 0.7f));

  @Test
  @DisplayName("scores in-scope accuracy and oos recall separately, turning answers under the threshold into oos")
  void scoresWithAThreshold() {
    JsonObject none = IntentEvaluation.evaluate(DATA, PREDICTIONS, null);
    assertEquals(1.0, none.getDouble("inScopeAccuracy"));
    assertEquals(0.0, none.getDouble("oosRecall"));
    JsonObject strict = IntentEvaluation.evaluate(DATA, PREDICTIONS, 0.65f);
    assertEquals(0.5, strict.getDouble("inScopeAccuracy"));
    assertEquals(0.5, strict.getDouble("oosRecall"));
  }

  @Test
  @DisplayName("chooses the lowest threshold that reaches the wanted oos recall, so the fewest answers are lost")
  void choosesTheLowestThresholdReachingTheRecall() {
    assertEquals(0.51f, IntentEvaluation.chooseOosThreshold(DATA, PREDICTIONS, 0.5), 1e-6);
    assertEquals(0.71f, IntentEvaluation.chooseOosThreshold(DATA, PREDICTIONS, 1.0), 1e-6);
  }

  @Test
  @DisplayName("chooses no threshold when the data has no oos examples")
  void noThresholdWithoutOos() {
    assertNull(IntentEvaluation.chooseOosThreshold(DATA.subList(0, 2), PREDICTIONS.subList(0, 2), 0.9));
  }
}
