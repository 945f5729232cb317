package com.shopchat.nlu.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.NgramConfig;
import com.shopchat.nlu.model.NgramIntentModel;
import com.shopchat.nlu.model.NgramMember;
import com.shopchat.nlu.model.SharedIntentFixture;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transformer saved with an n-gram model in its {@code ngram/} subdirectory answers with the mean of the two's
 * probabilities: when loaded for evaluation and retraining, and when served through the micro-batcher. The member
 * is part of the model's version, and one trained on other intents is refused.
 */
@DisplayName("A transformer with an n-gram member")
class NgramMemberServingTest {

  @TempDir
  static Path root;
  private static Path alone;
  private static Path withMember;
  private static NgramIntentModel member;
  private static final List<String> TEXTS = List.of("cancel my order", "where is my parcel", "hello there",
    "i want my money back", "what is the weather on mars");

  @BeforeAll
  static void save() throws Exception {
    alone = Files.createDirectories(root.resolve("alone"));
    withMember = Files.createDirectories(root.resolve("with-member"));
    SharedIntentFixture.model().save(alone);
    SharedIntentFixture.model().save(withMember);
    // Trained on the same examples, so its intents come in the transformer's order (IntentModel.labelsOf).
    member = NgramIntentModel.train(SharedIntentFixture.data(), NgramConfig.defaults().withEpochs(20));
    member.save(withMember.resolve(NgramMember.DIR));
  }

  @Test
  @DisplayName("its probabilities are the mean of the transformer's and the member's, for every utterance")
  void averages() throws Exception {
    try (IntentModel transformer = IntentModel.load(alone); IntentModel both = IntentModel.load(withMember)) {
      assertNull(transformer.member());
      assertNotNull(both.member());
      assertEquals(transformer.labels(), member.labels(), "the member's intents in the transformer's order");
      List<float[]> t = transformer.predictProbabilities(TEXTS);
      List<float[]> n = member.predictProbabilities(TEXTS);
      List<float[]> mean = both.predictProbabilities(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        float[] expected = new float[t.get(i).length];
        for (int c = 0; c < expected.length; c++) {
          expected[c] = (t.get(i)[c] + n.get(i)[c]) / 2;
        }
        assertArrayEquals(expected, mean.get(i), 1e-5f, TEXTS.get(i));
      }
      IntentScore top = both.predict("cancel my order").get(0);
      assertEquals(both.rank(mean.get(0)).get(0).intent(), top.intent());
      assertEquals(mean.get(0)[both.labels().indexOf(top.intent())], top.confidence(), 1e-5f);
    }
  }

  @Test
  @DisplayName("served through the micro-batcher, each caller gets the averaged answer for its own utterance")
  void served() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (IntentModel both = IntentModel.load(withMember);
         TransformerIntentRecognizer recognizer = TransformerIntentRecognizer.load(vertx, withMember,
           new MicroBatcher.Options(4, 2, 1000, 2), EntityExtractor.create())) {
      List<float[]> mean = both.predictProbabilities(TEXTS);
      List<io.vertx.core.Future<Parse>> parses = new ArrayList<>();
      for (String text : TEXTS) {
        parses.add(recognizer.parse(text, "en"));
      }
      for (int i = 0; i < TEXTS.size(); i++) {
        Parse parse = parses.get(i).await(30, TimeUnit.SECONDS);
        IntentScore expected = both.rank(mean.get(i)).get(0);
        assertEquals(expected.intent(), parse.ranking().get(0).intent(), TEXTS.get(i));
        // Batching pads differently from the one-by-one pass, which may move the last float bits.
        assertEquals(expected.confidence(), parse.ranking().get(0).confidence(), 1e-4f, TEXTS.get(i));
      }
      assertEquals(ModelVersion.of(withMember), recognizer.modelVersion());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the member is part of the model's version")
  void versioned() throws Exception {
    assertNotEquals(ModelVersion.of(alone), ModelVersion.of(withMember));
    assertEquals(ModelVersion.of(withMember), ModelVersion.of(withMember), "stable");
  }

  @Test
  @DisplayName("a member trained on other intents is refused when the model loads")
  void otherIntentsRefused() throws Exception {
    Path mismatched = Files.createDirectories(root.resolve("mismatched"));
    SharedIntentFixture.model().save(mismatched);
    List<LabeledText> fewer = SharedIntentFixture.data().stream()
      .filter(e -> !e.intent().equals(SharedIntentFixture.data().get(0).intent())).toList();
    NgramIntentModel.train(fewer, NgramConfig.defaults().withEpochs(2)).save(mismatched.resolve(NgramMember.DIR));
    IOException refused = assertThrows(IOException.class, () -> IntentModel.load(mismatched));
    assertTrue(refused.getMessage().contains("other intents"), refused.getMessage());
  }
}
