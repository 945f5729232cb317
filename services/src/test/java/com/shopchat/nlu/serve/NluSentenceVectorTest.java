package com.shopchat.nlu.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import com.shopchat.knowledge.SentenceEmbedder;
import com.shopchat.nlu.Understanding;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.IntentReading;
import com.shopchat.nlu.model.IntentScore;
import com.shopchat.support.DemoKnowledge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The NLU's one forward pass over a message gives the knowledge base the vector its own embedder would compute,
 * and the same intents as before: the shipped model, the demo KB's 260 shopper paraphrases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Sentence vectors from the NLU's pass")
class NluSentenceVectorTest {

  private Vertx vertx;
  private TransformerIntentRecognizer recognizer;
  private SentenceEmbedder embedder;
  private List<String> texts;

  @BeforeAll
  void load() throws Exception {
    texts = DemoKnowledge.questions(DemoKnowledge.entries()).stream().map(DemoKnowledge.Question::text).toList();
    vertx = Vertx.vertx();
    // Two workers and batches of up to eight: messages submitted together are padded into shared passes.
    recognizer = TransformerIntentRecognizer.load(vertx, ShippedModel.directory(),
      new MicroBatcher.Options(8, 2, 1000, 2), EntityExtractor.create());
    embedder = SentenceEmbedder.create(recognizer.model());
  }

  @AfterAll
  void close() throws Exception {
    embedder.close();
    recognizer.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Read by the NLU (batched, padded), every paraphrase carries the vector SentenceEmbedder gives it "
    + "alone, within 1e-5, tagged with the text and the model version.")
  void nluVectorIsTheEmbeddersVector() throws Exception {
    List<Future<Understanding>> pending = new ArrayList<>();
    for (String text : texts) {
      pending.add(recognizer.read(text, "en"));
    }
    for (int i = 0; i < texts.size(); i++) {
      Understanding u = pending.get(i).await(60, TimeUnit.SECONDS);
      String text = texts.get(i);
      assertNotNull(u.sentence(), text);
      assertTrue(u.sentence().isOf(text, recognizer.modelVersion()), u.sentence().toString());
      assertArrayEquals(embedder.embed(List.of(text))[0], u.sentence().values(), 1e-5f, text);
    }
    assertTrue(recognizer.stats().maxBatchSeen() > 1, "no batch of several was run: " + recognizer.stats());
  }

  @Test
  @DisplayName("The reading predictor gives the intent predictor's probabilities and the sentence predictor's vector.")
  void onePassGivesBoth() throws Exception {
    IntentModel model = recognizer.model();
    try (Predictor<String, IntentReading> reading = model.newReadingPredictor();
        Predictor<String, float[]> intents = model.newPredictor();
        Predictor<String, float[]> sentences = model.newSentencePredictor()) {
      List<String> batch = texts.subList(0, 64);
      List<IntentReading> both = reading.batchPredict(batch);
      List<float[]> probabilities = intents.batchPredict(batch);
      List<float[]> vectors = sentences.batchPredict(batch);
      for (int i = 0; i < batch.size(); i++) {
        assertArrayEquals(probabilities.get(i), both.get(i).probabilities(), 1e-6f, batch.get(i));
        assertArrayEquals(vectors.get(i), both.get(i).sentence(), 1e-6f, batch.get(i));
      }
      IntentReading alone = reading.predict(texts.get(0));
      assertArrayEquals(intents.predict(texts.get(0)), alone.probabilities(), 1e-6f);
      assertArrayEquals(sentences.predict(texts.get(0)), alone.sentence(), 1e-6f);
    }
  }

  @Test
  @DisplayName("The intent, confidence and ranking of read() are parse()'s; understand() carries no vector.")
  void intentsUnchanged() throws Exception {
    for (String text : texts.subList(0, 20)) {
      Parse parse = recognizer.parse(text, "en").await(30, TimeUnit.SECONDS);
      Understanding read = recognizer.read(text, "en").await(30, TimeUnit.SECONDS);
      assertEquals(parse.intent(), new IntentScore(read.intent(), read.confidence()), text);
      assertEquals(parse.ranking(), read.ranking(), text);
      assertEquals(parse.entities(), read.entities(), text);
      assertNull(recognizer.understand(text, "en").await(30, TimeUnit.SECONDS).sentence(), text);
    }
  }
}
