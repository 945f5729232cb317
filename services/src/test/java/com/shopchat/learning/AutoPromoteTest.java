package com.shopchat.learning;

import static com.shopchat.support.AdminClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.SharedIntentFixture;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** NLU_AUTO_PROMOTE: a retrained model serves by itself exactly when it is not worse on any tracked metric. */
@ExtendWith(VertxExtension.class)
@DisplayName("Automatic promotion of a retrained NLU model")
class AutoPromoteTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String ADMIN = "auto-promote-admin@shop.test";

  @TempDir
  static Path modelDir;
  @TempDir
  static Path modelsDir;
  private static TestServer server;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    SharedIntentFixture.model().save(modelDir);
    StringBuilder all = new StringBuilder();
    for (LabeledText example : SharedIntentFixture.data()) {
      all.append(new JsonObject().put("text", example.text()).put("intent", example.intent()).encode()).append('\n');
    }
    Files.writeString(modelDir.resolve("train.jsonl"), all);
    Files.writeString(modelDir.resolve("heldout.jsonl"), all);
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD,
      "NLU_MODEL_DIR", modelDir.toString(), "NLU_MODELS_DIR", modelsDir.toString(), "NLU_RETRAIN_EPOCHS", "1",
      "NLU_AUTO_PROMOTE", "true"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    server.stop(vertx);
  }

  @Test
  @DisplayName("after a retrain the candidate serves if and only if no tracked metric fell, and the verdict is stored")
  void promotedWhenNotWorse(Vertx vertx) throws Exception {
    String before = server.app().servingModel().modelVersion();
    String conversation;
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      conversation = shopper.hello("v-auto", null, null, "en").getString("conversationId");
    }
    server.pool().preparedQuery("INSERT INTO nlu_inbox (conversation_id, seq, text, locale, intent, confidence, "
        + "model_version, reasons, status, reviewed_intent, reviewed_at) VALUES ($1, 99, 'my money please', 'en', "
        + "'thanks', 0.3, $2, '{low_confidence}', 'reviewed', 'get_refund', now())")
      .execute(Tuple.of(conversation, before)).await(10, TimeUnit.SECONDS);
    AdminClient admin = new AdminClient(vertx, server.port()).loggedIn(ADMIN, PASSWORD);
    assertEquals(202, admin.post("/api/admin/learning/retrain", null).statusCode());
    var stored = server.app().nluRetraining().lastRun().await(120, TimeUnit.SECONDS);
    JsonObject metrics = stored.metrics();
    boolean notWorse = CandidateTrainer.notWorse(metrics.getJsonObject("candidate"), metrics.getJsonObject("serving"));
    assertEquals(notWorse, metrics.getBoolean("notWorse"), metrics.encode());
    String serving = server.app().servingModel().modelVersion();
    assertEquals(notWorse ? stored.version() : before, serving, metrics.encode());
    assertEquals(notWorse ? "serving" : "candidate",
      server.string("SELECT status FROM nlu_models WHERE version = $1", stored.version()));
    assertEquals(serving, ok(admin.get("/api/admin/learning/retrain"), 200).getString("serving"));
  }

  @Test
  @DisplayName("the verdict: not worse means no tracked metric lower; one the held-out set cannot measure is skipped")
  void verdict() {
    JsonObject serving = new JsonObject().put("accuracy", 0.9).put("inScopeAccuracy", 0.9).put("oosRecall", null)
      .put("macroF1", 0.88);
    assertTrue(CandidateTrainer.notWorse(serving.copy(), serving));
    assertTrue(CandidateTrainer.notWorse(serving.copy().put("macroF1", 0.9), serving));
    assertFalse(CandidateTrainer.notWorse(serving.copy().put("accuracy", 0.89).put("macroF1", 0.95), serving));
    assertTrue(List.of("accuracy", "inScopeAccuracy", "oosRecall", "macroF1").equals(CandidateTrainer.TRACKED));
  }
}
