package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calibrated knowledge confidence")
class ConfidenceModelTest {

  private static HitEvidence evidence(float coverage, boolean first) {
    return new HitEvidence(coverage, first, first, first ? 1f : 0.5f, false, false, 0f, false);
  }

  @Test
  @DisplayName("Fitted on hits whose chance of being right is known, the model gives back about that chance.")
  void fitRecoversKnownRates() {
    // First-ranked hits covering every word are right 90 % of the time, half-covered lower hits 10 %.
    Random random = new Random(7);
    List<HitEvidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      boolean strong = i % 2 == 0;
      rows.add(strong ? evidence(1f, true) : evidence(0.5f, false));
      right.add(random.nextDouble() < (strong ? 0.9 : 0.1));
    }

    ConfidenceModel model = ConfidenceModel.fit(rows, right, 0);

    assertEquals(0.9, model.probability(evidence(1f, true)), 0.03);
    assertEquals(0.1, model.probability(evidence(0.5f, false)), 0.03);
  }

  @Test
  @DisplayName("More of the question's words covered, and a first rank, never lower the shipped models' confidence.")
  void shippedModelsAreMonotone() {
    for (ConfidenceModel model : List.of(ConfidenceModel.BM25, ConfidenceModel.HYBRID)) {
      float low = model.probability(evidence(0.3f, false));
      float covered = model.probability(evidence(1f, false));
      float first = model.probability(evidence(1f, true));
      assertTrue(low < covered && covered < first, low + " " + covered + " " + first);
    }
  }

  @Test
  @DisplayName("A model written as properties reads back with the same weights; a missing weight is refused.")
  void propertiesRoundTrip() {
    ConfidenceModel model = new ConfidenceModel(-2.5, new double[] {3, 1, 0.5, 2, 0, 1.25, 1.5, 0.75});
    Properties properties = new Properties();
    model.store(properties, "hybrid");

    ConfidenceModel read = ConfidenceModel.read(properties, "hybrid");

    assertEquals(-2.5, read.bias());
    assertArrayEquals(model.weights(), read.weights());
    properties.remove("hybrid.similarity");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ConfidenceModel.read(properties, "hybrid"));
    assertTrue(missing.getMessage().contains("hybrid.similarity"), missing.getMessage());
  }

  @Test
  @DisplayName("Weights of the wrong number or not finite are refused.")
  void badWeightsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ConfidenceModel(0, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> new ConfidenceModel(Double.NaN, new double[HitEvidence.FEATURES.length]));
  }
}
