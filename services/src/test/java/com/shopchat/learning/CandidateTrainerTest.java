package com.shopchat.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.LearningSettings;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.NgramIntentModel;
import com.shopchat.nlu.model.NgramMember;
import com.shopchat.nlu.serve.ModelVersion;
import com.shopchat.nlu.serve.ShippedModel;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retrain of the shipped model as the server runs it, directly: fine-tune, save, score both on the held-out set. */
@DisplayName("A candidate fine-tuned from the shipped model")
class CandidateTrainerTest {

  @TempDir
  Path modelsDir;

  @Test
  @DisplayName("keeps the shipped model's labels and tokenizer, learns the reviewed phrasings, stays within two "
    + "points of its held-out accuracy, and carries the same held-out set on")
  void fineTunesTheShippedModel() throws Exception {
    Path shipped = ShippedModel.directory();
    List<String> labels;
    Float threshold = IntentModel.savedOosThreshold(shipped);
    try (IntentModel serving = IntentModel.load(shipped)) {
      labels = serving.labels();
    }
    List<LabeledText> reviewed = new ArrayList<>();
    for (String text : List.of("my parcel went walkabout", "the parcel went walkabout again",
      "where has my parcel gone walkabout", "parcel gone walkabout, help")) {
      reviewed.add(new LabeledText(text, "track_order"));
    }
    List<JsonObject> progress = new ArrayList<>();
    CandidateTrainer.Candidate candidate = new CandidateTrainer(new LearningSettings(modelsDir.toString(), 2, 600, 0,
      false), labels, progress::add).train(shipped, threshold, reviewed, modelsDir);

    assertEquals(ModelVersion.of(candidate.dir()), candidate.version());
    assertEquals(Files.readString(shipped.resolve("tokenizer.json")),
      Files.readString(candidate.dir().resolve("tokenizer.json")));
    assertEquals(Files.readString(shipped.resolve("heldout.jsonl")),
      Files.readString(candidate.dir().resolve("heldout.jsonl")));
    // The shipped model's n-gram member goes with the candidate unchanged, and both were scored with it.
    assertTrue(NgramMember.present(shipped), "the shipped model has an n-gram member");
    assertArrayEquals(Files.readAllBytes(shipped.resolve(NgramMember.DIR).resolve(NgramIntentModel.WEIGHTS_FILE)),
      Files.readAllBytes(candidate.dir().resolve(NgramMember.DIR).resolve(NgramIntentModel.WEIGHTS_FILE)));
    assertTrue(progress.stream().anyMatch(p -> Integer.valueOf(2).equals(p.getInteger("epoch"))
      && p.getValue("loss") != null), progress.toString());
    JsonObject metrics = candidate.metrics();
    double served = metrics.getJsonObject("serving").getDouble("accuracy");
    double tuned = metrics.getJsonObject("candidate").getDouble("accuracy");
    assertTrue(served > 0.85, metrics.encode());
    assertTrue(tuned >= served - 0.02, metrics.encode());
    try (IntentModel model = IntentModel.load(candidate.dir())) {
      assertEquals(labels, model.labels());
      assertTrue(model.member() != null, "loaded with its member");
      assertEquals("track_order", model.predict("my parcel went walkabout").get(0).intent());
    }
  }
}
