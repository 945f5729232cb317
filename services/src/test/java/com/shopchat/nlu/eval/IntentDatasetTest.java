package com.shopchat.nlu.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.model.LabeledText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reading labelled data")
class IntentDatasetTest {

  @Test
  @DisplayName("Entities are read with their type, value and span; a line without them has none.")
  void readsEntities(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("data.jsonl"), List.of(
      "{\"text\": \"cancel order 00123842\", \"intent\": \"cancel_order\", \"entities\": "
        + "[{\"type\": \"order_id\", \"value\": \"123842\", \"start\": 13, \"end\": 21}]}",
      "{\"text\": \"hello\", \"intent\": \"greeting\"}"));
    List<LabeledText> examples = IntentDataset.read(file);
    assertEquals(List.of(new Entity("order_id", "123842", 13, 21)), examples.get(0).entities());
    assertEquals(List.of(), examples.get(1).entities());
    assertTrue(IntentDataset.labelsEntities(examples));
  }

  @Test
  @DisplayName("Data with no entities at all does not label entities.")
  void dataWithoutEntities(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("data.jsonl"), List.of("{\"text\": \"hello\", \"intent\": \"greeting\"}"));
    assertFalse(IntentDataset.labelsEntities(IntentDataset.read(file)));
  }

  @Test
  @DisplayName("An entity without a whole-number span, or starting outside the text, fails the read with its line.")
  void malformedEntitiesAreRefused(@TempDir Path dir) throws IOException {
    Path noSpan = Files.write(dir.resolve("a.jsonl"), List.of(
      "{\"text\": \"hi\", \"intent\": \"greeting\", \"entities\": [{\"type\": \"x\", \"value\": \"y\"}]}"));
    Path outside = Files.write(dir.resolve("b.jsonl"), List.of("{\"text\": \"hi\", \"intent\": \"greeting\"}",
      "{\"text\": \"hi\", \"intent\": \"greeting\", \"entities\": [{\"type\": \"x\", \"value\": \"y\", \"start\": 5, "
        + "\"end\": 7}]}"));
    DatasetException first = assertThrows(DatasetException.class, () -> IntentDataset.read(noSpan));
    DatasetException second = assertThrows(DatasetException.class, () -> IntentDataset.read(outside));
    assertTrue(first.getMessage().contains("a.jsonl:1"), first.getMessage());
    assertTrue(second.getMessage().contains("b.jsonl:2"), second.getMessage());
  }
}
