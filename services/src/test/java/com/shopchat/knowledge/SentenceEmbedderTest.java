package com.shopchat.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.serve.ShippedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Sentence vectors from the shipped intent model")
class SentenceEmbedderTest {

  private static final List<String> TEXTS = List.of("where is my parcel", "can I get my money back for the boots",
      "退货要多久", "how do I wash the Merino Crew Sweater FW-2002", "hi");

  private IntentModel model;
  private SentenceEmbedder embedder;

  @BeforeAll
  void load() throws IOException {
    model = IntentModel.load(ShippedModel.directory());
    embedder = SentenceEmbedder.create(model);
  }

  @AfterAll
  void close() {
    embedder.close();
    model.close();
  }

  @Test
  @DisplayName("Every vector has the encoder's hidden size and unit length.")
  void unitLength() {
    float[][] vectors = embedder.embed(TEXTS);

    assertEquals(TEXTS.size(), vectors.length);
    for (float[] v : vectors) {
      assertEquals(128, v.length);
      assertEquals(1.0, dot(v, v), 1e-5);
    }
  }

  @Test
  @DisplayName("The same text gives the same vector, asked twice and whether alone or padded in a batch.")
  void deterministic() {
    float[][] batch = embedder.embed(TEXTS);
    float[][] again = embedder.embed(TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(batch[i], again[i]);
      float[] alone = embedder.embed(List.of(TEXTS.get(i)))[0];
      // Padding changes the summation order inside the forward pass, so equal up to float rounding.
      assertArrayEquals(batch[i], alone, 1e-5f, TEXTS.get(i));
    }
  }

  @Test
  @DisplayName("Four threads embedding at once each get the vectors one thread gets: no predictor is shared.")
  void concurrentCallers() throws Exception {
    float[][] expected = embedder.embed(TEXTS);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> embedder.embed(TEXTS)));
      }
      for (Future<float[][]> result : results) {
        float[][] vectors = result.get();
        for (int i = 0; i < TEXTS.size(); i++) {
          assertArrayEquals(expected[i], vectors[i], 1e-6f);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("A closed embedder refuses work instead of creating predictors nobody frees.")
  void closedRefuses() {
    SentenceEmbedder other = SentenceEmbedder.create(model);
    other.embed(List.of("hello"));
    other.close();

    assertThrows(IllegalStateException.class, () -> other.embed(List.of("hello")));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
