package com.shopchat.nlu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The n-gram intent model")
class NgramIntentModelTest {

  private static final NgramConfig TINY = NgramConfig.defaults().withEpochs(20);

  private static double accuracy(IntentClassifier model, List<LabeledText> data) {
    List<float[]> rows = model.predictProbabilities(data.stream().map(LabeledText::text).toList());
    int correct = 0;
    for (int r = 0; r < rows.size(); r++) {
      float[] row = rows.get(r);
      int best = 0;
      for (int i = 1; i < row.length; i++) {
        best = row[i] > row[best] ? i : best;
      }
      correct += model.labels().get(best).equals(data.get(r).intent()) ? 1 : 0;
    }
    return (double) correct / data.size();
  }

  @Test
  @DisplayName("learns the tiny shop fixture (English and Chinese) to at least 95 % on its own training data, "
      + "with probabilities that sum to 1")
  void learnsTheFixture() {
    List<LabeledText> data = IntentFixture.data();
    NgramIntentModel model = NgramIntentModel.train(data, TINY);

    assertEquals(IntentModel.labelsOf(data), model.labels());
    assertTrue(accuracy(model, data) >= 0.95, "accuracy " + accuracy(model, data));
    float sum = 0;
    for (float p : model.predictProbabilities(List.of("wher is my parcel")).get(0)) {
      sum += p;
    }
    assertEquals(1f, sum, 1e-4f);
    // A misspelt word still shares most of its character n-grams with the right one.
    float[] row = model.predictProbabilities(List.of("I want a refnud")).get(0);
    assertEquals("get_refund", model.labels().get(argmax(row)));
  }

  @Test
  @DisplayName("trains deterministically for a seed, and another seed gives other weights")
  void deterministic() {
    List<LabeledText> data = IntentFixture.data();
    List<String> texts = List.of("cancel it", "hello there", "how long is shipping");
    List<float[]> first = NgramIntentModel.train(data, TINY).predictProbabilities(texts);
    List<float[]> again = NgramIntentModel.train(data, TINY).predictProbabilities(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(first.get(i), again.get(i));
    }
    NgramConfig noisy = new NgramConfig(20, 0.1f, 0.1f, 0f, 1, 1f, 2, 5, 0.15f, 0.1f, 7, 0);
    assertNotEquals(first.get(0)[0], NgramIntentModel.train(data, noisy).predictProbabilities(texts).get(0)[0]);
  }

  @Test
  @DisplayName("saves and loads (also through IntentClassifier.load, by the kind in config.json) with identical "
      + "predictions; IntentModel.load refuses it with a clear message")
  void savesAndLoads(@TempDir Path dir) throws IOException {
    List<LabeledText> data = IntentFixture.data();
    NgramIntentModel model = NgramIntentModel.train(data, TINY);
    model.save(dir);

    assertEquals(IntentClassifier.NGRAM, IntentClassifier.kindOf(dir));
    List<String> texts = data.stream().map(LabeledText::text).toList();
    List<float[]> before = model.predictProbabilities(texts);
    try (IntentClassifier loaded = IntentClassifier.load(dir)) {
      assertInstanceOf(NgramIntentModel.class, loaded);
      assertEquals(model.labels(), loaded.labels());
      assertEquals(model.config(), ((NgramIntentModel) loaded).config());
      List<float[]> after = loaded.predictProbabilities(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i), texts.get(i));
      }
    }
    IOException refused = assertThrows(IOException.class, () -> IntentModel.load(dir));
    assertTrue(refused.getMessage().contains("ngram"), refused.getMessage());

    // A truncated weights file is an IOException, not garbage predictions.
    Path weights = dir.resolve(NgramIntentModel.WEIGHTS_FILE);
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    assertThrows(IOException.class, () -> NgramIntentModel.load(dir));
  }

  @Test
  @DisplayName("with a hidden ReLU layer (--hidden) it learns the fixture too, and saves and loads with identical "
      + "predictions")
  void hiddenLayer(@TempDir Path dir) throws IOException {
    List<LabeledText> data = IntentFixture.data();
    NgramConfig cfg = new NgramConfig(20, 0.1f, 0.1f, 0f, 1, 1f, 2, 5, 0f, 0f, 5, 32);
    NgramIntentModel model = NgramIntentModel.train(data, cfg);
    assertTrue(accuracy(model, data) >= 0.95, "accuracy " + accuracy(model, data));

    model.save(dir);
    List<String> texts = data.stream().map(LabeledText::text).toList();
    List<float[]> before = model.predictProbabilities(texts);
    try (IntentClassifier loaded = IntentClassifier.load(dir)) {
      assertEquals(32, ((NgramIntentModel) loaded).config().hidden());
      List<float[]> after = loaded.predictProbabilities(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i), texts.get(i));
      }
    }
  }

  @Test
  @DisplayName("a transformer directory loads through IntentClassifier.load as the transformer")
  void transformerStillLoads(@TempDir Path dir) throws IOException {
    IntentFixture.model().save(dir);
    assertEquals(IntentClassifier.TRANSFORMER, IntentClassifier.kindOf(dir));
    try (IntentClassifier loaded = IntentClassifier.load(dir)) {
      assertInstanceOf(IntentModel.class, loaded);
      assertEquals(IntentFixture.model().labels(), loaded.labels());
    }
  }

  private static int argmax(float[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      best = row[i] > row[best] ? i : best;
    }
    return best;
  }
}
