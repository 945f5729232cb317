package com.shopchat.nlu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("IntentModel")
class IntentModelTest {

  @Test
  @DisplayName("A tiny encoder trained on the fixture classifies at least 95% of its own training set correctly.")
  void learnsTheFixture() {
    IntentModel model = IntentFixture.model();
    List<LabeledText> data = IntentFixture.data();
    long correct = data.stream().filter(e -> model.predict(e.text()).get(0).intent().equals(e.intent())).count();
    double accuracy = (double) correct / data.size();
    assertTrue(accuracy >= 0.95, "training-set accuracy " + accuracy);
  }

  @Test
  @DisplayName("Predictions rank every intent once, with probabilities summing to one.")
  void rankingIsADistribution() {
    List<IntentScore> ranking = IntentFixture.model().predict("where is my parcel?");
    assertEquals(IntentFixture.UTTERANCES.size(), ranking.size());
    assertEquals(1.0, ranking.stream().mapToDouble(IntentScore::confidence).sum(), 1e-4);
    for (int i = 1; i < ranking.size(); i++) {
      assertTrue(ranking.get(i - 1).confidence() >= ranking.get(i).confidence());
    }
  }

  @Test
  @DisplayName("A saved and reloaded model gives the same ranking and confidences as the original.")
  void saveThenLoadPredictsIdentically(@TempDir Path dir) throws Exception {
    IntentModel original = IntentFixture.model();
    original.save(dir);
    try (IntentModel loaded = IntentModel.load(dir)) {
      assertEquals(original.config(), loaded.config());
      for (String text : List.of("cancel my order", "我要退款", "how long until it arrives", "zzz qqq")) {
        List<IntentScore> expected = original.predict(text);
        List<IntentScore> actual = loaded.predict(text);
        assertEquals(expected.stream().map(IntentScore::intent).toList(),
            actual.stream().map(IntentScore::intent).toList(), text);
        for (int i = 0; i < expected.size(); i++) {
          assertEquals(expected.get(i).confidence(), actual.get(i).confidence(), 1e-6, text);
        }
      }
    }
  }

  @Test
  @DisplayName("Batch prediction pads each batch to its own longest utterance and matches single predictions.")
  void batchPredictionMatchesSinglePredictions() throws Exception {
    IntentModel model = IntentFixture.model();
    List<String> texts = List.of("hi", "I would like to cancel the order I placed yesterday please", "谢谢");
    try (var predictor = model.newPredictor()) {
      List<float[]> batch = predictor.batchPredict(texts);
      for (int i = 0; i < texts.size(); i++) {
        float[] single = predictor.predict(texts.get(i));
        for (int label = 0; label < single.length; label++) {
          assertEquals(single[label], batch.get(i)[label], 1e-5, texts.get(i));
        }
      }
    }
  }
}
