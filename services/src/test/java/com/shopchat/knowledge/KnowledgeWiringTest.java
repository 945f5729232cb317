package com.shopchat.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.SentenceVector;
import com.shopchat.nlu.serve.ModelVersion;
import com.shopchat.nlu.serve.ShippedModel;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which knowledge index the server builds: hybrid with the transformer NLU, BM25 only with the baseline. */
@DisplayName("The server's knowledge index")
class KnowledgeWiringTest {

  /** A held-out paraphrase of kb-en-contact-support that shares no content word with it: BM25 alone misses it. */
  private static final String PHONE = "is there a number i can call";

  private static Vertx modelVertx;
  private static Vertx baselineVertx;
  private static TestServer modelServer;
  private static TestServer baselineServer;

  @BeforeAll
  static void startServers() throws Exception {
    modelVertx = Vertx.vertx();
    modelServer = TestServer.start(modelVertx, Map.of("NLU_MODEL_DIR", ShippedModel.NAME));
    baselineVertx = Vertx.vertx();
    baselineServer = TestServer.start(baselineVertx, Map.of());
  }

  @AfterAll
  static void stopServers() throws Exception {
    modelServer.stop(modelVertx);
    baselineServer.stop(baselineVertx);
  }

  private static List<KnowledgeHit> search(TestServer server, String text) throws Exception {
    return server.app().knowledge().search(text, "en", 5).await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("With the shipped model as NLU the published entries get sentence vectors: a paraphrase without shared "
    + "words finds its entry first.")
  void transformerMakesItHybrid() throws Exception {
    assertEquals("kb-en-contact-support", search(modelServer, PHONE).get(0).entry().id());
  }

  @Test
  @DisplayName("With the shipped model the chat's searches reuse the NLU's sentence vector of the message (same model "
    + "version); with the baseline there is no vector to reuse.")
  void searchesReuseTheNlusVector() throws Exception {
    SentenceVector vector = new SentenceVector(PHONE, ModelVersion.of(ShippedModel.directory()), new float[128]);

    assertTrue(modelServer.app().knowledge().usable(vector, PHONE));
    assertFalse(modelServer.app().knowledge().usable(vector, "another question"));
    assertFalse(baselineServer.app().knowledge().usable(vector, PHONE));
  }

  @Test
  @DisplayName("With the baseline NLU the index is BM25 only, ranking as it always did.")
  void baselineKeepsBm25() throws Exception {
    assertEquals("kb-en-order-tracking", search(baselineServer, PHONE).get(0).entry().id());
  }
}
