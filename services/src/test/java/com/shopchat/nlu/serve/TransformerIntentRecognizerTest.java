package com.shopchat.nlu.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.SharedIntentFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The transformer intent recognizer")
class TransformerIntentRecognizerTest {

  @TempDir
  static Path modelDir;
  private static Vertx vertx;
  private static TransformerIntentRecognizer recognizer;

  @BeforeAll
  static void loadTheTinyModel() throws Exception {
    SharedIntentFixture.model().save(modelDir);
    vertx = Vertx.vertx();
    // Three workers with small batches, so predictors of the one model really run at the same time.
    recognizer = TransformerIntentRecognizer.load(vertx, modelDir, new MicroBatcher.Options(4, 2, 1000, 3),
      EntityExtractor.create());
  }

  @AfterAll
  static void close() throws Exception {
    recognizer.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Parsing a training utterance names its intent first, in a ranking of five sorted by confidence.")
  void parsesATrainingUtterance() throws Exception {
    Parse parse = result(recognizer.parse("cancel my order", "en"));
    assertEquals("cancel_order", parse.intent().intent());
    assertEquals(Parse.RANKING_SIZE, parse.ranking().size());
    assertEquals(parse.intent(), parse.ranking().get(0));
    for (int i = 1; i < parse.ranking().size(); i++) {
      assertTrue(parse.ranking().get(i - 1).confidence() >= parse.ranking().get(i).confidence(), parse.ranking()::toString);
    }
    assertEquals(recognizer.modelVersion(), parse.modelVersion());
    assertEquals(List.of(), parse.entities());
  }

  @Test
  @DisplayName("Parsing also returns the entities of the utterance with their spans.")
  void parsesEntities() throws Exception {
    Parse parse = result(recognizer.parse("cancel my order MT-100002", "en"));
    assertEquals(List.of(new Entity(Entity.ORDER_ID, "MT-100002", 16, 25)), parse.entities());
  }

  @Test
  @DisplayName("Understanding maps the top-ranked intent and its confidence.")
  void understandsWithTheTopIntent() throws Exception {
    Parse parse = result(recognizer.parse("我要退款", "zh"));
    Understanding understanding = result(recognizer.understand("我要退款", "zh"));
    assertEquals(new Understanding("get_refund", parse.intent().confidence(), recognizer.modelVersion()), understanding);
  }

  @Test
  @DisplayName("Two loads of the same directory report the same short model version; other weights another one.")
  void modelVersionIsStable(@TempDir Path copy) throws Exception {
    String version = recognizer.modelVersion();
    assertTrue(version.matches("[0-9a-f]{12}"), version);
    try (var again = TransformerIntentRecognizer.load(vertx, modelDir, new MicroBatcher.Options(4, 1, 10, 1),
        EntityExtractor.create())) {
      assertEquals(version, again.modelVersion());
    }
    copyModel(copy);
    assertEquals(version, ModelVersion.of(copy));
    Files.writeString(copy.resolve("labels.json"), "[\"renamed\"]");
    assertNotEquals(version, ModelVersion.of(copy));
  }

  @Test
  @DisplayName("300 concurrent parses on three workers each get the answer the model gives that utterance alone.")
  void concurrentParsesGetTheirOwnAnswers() throws Exception {
    List<LabeledText> data = SharedIntentFixture.data();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      texts.add(data.get(i % data.size()).text());
    }
    List<String> expected = texts.stream().map(t -> answer(SharedIntentFixture.model().predict(t).get(0))).toList();
    // All 100 submitted on the event loop in one go, as concurrent HTTP requests would be.
    Promise<List<Future<Parse>>> submitted = Promise.promise();
    vertx.runOnContext(v -> submitted.complete(texts.stream().map(t -> recognizer.parse(t, "en")).toList()));
    List<String> actual = new ArrayList<>();
    for (Future<Parse> parse : result(submitted.future())) {
      actual.add(answer(result(parse).intent()));
    }
    assertEquals(expected, actual);
    assertTrue(recognizer.stats().maxBatchSeen() > 1, "largest batch " + recognizer.stats().maxBatchSeen());
  }

  @Test
  @DisplayName("With a saved out-of-scope threshold, an answer less sure than it becomes oos; the ranking stays.")
  void appliesTheSavedOosThreshold(@TempDir Path copy) throws Exception {
    copyModel(copy);
    Parse sure = result(recognizer.parse("cancel my order", "en"));
    float above = sure.intent().confidence() + (1 - sure.intent().confidence()) / 2;
    Files.writeString(copy.resolve("metrics.json"), "{\"oosThreshold\": " + above + "}");
    try (var strict = TransformerIntentRecognizer.load(vertx, copy, new MicroBatcher.Options(4, 1, 10, 1))) {
      assertEquals(above, strict.oosThreshold());
      Parse parse = result(strict.parse("cancel my order", "en"));
      assertEquals("oos", parse.intent().intent());
      assertEquals(sure.intent().confidence(), parse.intent().confidence(), 1e-5);
      assertEquals("cancel_order", parse.ranking().get(0).intent());
    }
    assertEquals(null, recognizer.oosThreshold(), "the fixture model was saved without a threshold");
  }

  private static void copyModel(Path copy) throws Exception {
    try (var files = Files.list(modelDir)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
  }

  /** Intent and confidence to 4 places: batching pads differently, which may move the last float bits. */
  private static String answer(com.shopchat.nlu.model.IntentScore score) {
    return score.intent() + String.format(" %.4f", score.confidence());
  }
}
