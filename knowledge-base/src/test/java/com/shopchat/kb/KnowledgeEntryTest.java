package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Knowledge entries")
class KnowledgeEntryTest {

  @Test
  @DisplayName("An entry in an unsupported locale is rejected.")
  void rejectsUnknownLocale() {
    assertThrows(IllegalArgumentException.class,
      () -> new KnowledgeEntry("a", "fr", "Livraison", List.of(), "Trois jours.", List.of(), null));
  }

  @Test
  @DisplayName("An entry with a blank answer is rejected.")
  void rejectsBlankAnswer() {
    assertThrows(IllegalArgumentException.class,
      () -> new KnowledgeEntry("a", "en", "Delivery", List.of(), " ", List.of(), null));
  }

  @Test
  @DisplayName("Missing question and tag lists become empty lists.")
  void nullListsBecomeEmpty() {
    KnowledgeEntry entry = new KnowledgeEntry("a", "en", "Delivery", null, "Three days.", null, null);

    assertEquals(List.of(), entry.questions());
    assertEquals(List.of(), entry.tags());
  }

  @Test
  @DisplayName("Later changes to the caller's list do not change the entry.")
  void listsAreCopied() {
    List<String> questions = new ArrayList<>(List.of("when will it arrive"));
    KnowledgeEntry entry = new KnowledgeEntry("a", "en", "Delivery", questions, "Three days.", null, null);

    questions.add("where is it");

    assertEquals(List.of("when will it arrive"), entry.questions());
  }
}
