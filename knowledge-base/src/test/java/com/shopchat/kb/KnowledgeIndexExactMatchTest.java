package com.shopchat.kb;

import static com.shopchat.kb.KnowledgeFixture.en;
import static com.shopchat.kb.KnowledgeFixture.zh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Exact SKUs, order numbers and product names in a question")
class KnowledgeIndexExactMatchTest {

  private KnowledgeIndex index;

  @BeforeAll
  void indexFixture() {
    List<KnowledgeEntry> entries = new ArrayList<>(KnowledgeFixture.entries());
    // Two shoes one digit apart; the FW-2003 entry shares every everyday word of the questions below.
    entries.add(en("en-fw2002", "Trail runner sizing", List.of(),
      "The FW-2002 trail runner comes up half a size small.", List.of(), "products"));
    entries.add(en("en-fw2003", "Do the trail runners fit true to size",
      List.of("are the trail runners true to size", "do the trail runners run small"),
      "Our FW-2003 trail runner fits true to size.", List.of(), "products"));
    entries.add(en("en-recall-mt100002", "Recall notice",
      List.of(), "Order MT-100002 contained a faulty kettle; we will collect it.", List.of(), "orders"));
    entries.add(en("en-merino-care", "Merino Crew Sweater care", List.of(),
      "Hand wash cold, dry flat.", List.of("Merino Crew Sweater"), "products"));
    // Says "which size", "merino", "sweater" and "order" over and over, but about no product in particular.
    entries.add(en("en-sweater-size", "Which sweater size should I order",
      List.of("which size of sweater should I order", "merino sweater size", "what size sweater to order"),
      "Merino sweaters fit true to size.", List.of("sweater size"), "products"));
    entries.add(zh("zh-fw2002", "越野跑鞋尺码", List.of(), "FW-2002 越野跑鞋偏小半码。", List.of(), "products"));
    index = KnowledgeIndex.inMemory();
    index.replaceAll(entries);
  }

  @AfterAll
  void closeIndex() {
    index.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "do the trail runners run small FW-2002",
    "is fw-2002 true to size",
    "FW2002 trail runners true to size?"
  })
  @DisplayName("A SKU that only one answer mentions puts that entry first, in any spelling, against entries "
    + "that share more words.")
  void skuWins(String query) {
    List<KnowledgeHit> hits = index.search(query, "en", 5);

    assertEquals("en-fw2002", hits.get(0).entry().id(), "hits " + hits);
  }

  @Test
  @DisplayName("A SKU answered only by the answer text still counts as covered, so the hit is confident enough to answer.")
  void skuCountsTowardsConfidence() {
    KnowledgeHit best = index.search("FW-2002", "en", 1).get(0);

    assertEquals("en-fw2002", best.entry().id());
    assertEquals(1f, best.coverage());
    // Calibrated: a whole, first-ranked match is well above the dialogue's answer threshold (0.7).
    assertTrue(best.confidence() >= 0.7f, "confidence " + best.confidence());
  }

  @Test
  @DisplayName("An order number beats the general order-tracking entry for 'where is my order'.")
  void orderNumberWins() {
    List<KnowledgeHit> hits = index.search("where is my order MT-100002", "en", 5);

    assertEquals("en-recall-mt100002", hits.get(0).entry().id(), "hits " + hits);
    assertTrue(hits.stream().anyMatch(h -> h.entry().id().equals("en-tracking")), "BM25 hits stay below it");
  }

  @Test
  @DisplayName("A SKU inside Chinese text, with no space around it, finds the Chinese entry that names it.")
  void skuInChineseText() {
    List<KnowledgeHit> hits = index.search("FW-2002偏小吗", "zh", 5);

    assertEquals("zh-fw2002", hits.get(0).entry().id(), "hits " + hits);
  }

  @Test
  @DisplayName("A product's full name in the question finds the entry tagged with it before an entry that repeats "
    + "the question's other words.")
  void productNameWins() {
    List<KnowledgeHit> hits = index.search("which size of the merino crew sweater should I order", "en", 5);

    assertEquals("en-merino-care", hits.get(0).entry().id(), "hits " + hits);
  }

  @Test
  @DisplayName("A number that is not an identifier (a year, a price) gets no exact-match boost.")
  void plainNumbersAreNotCodes() {
    assertEquals(List.of(), KnowledgeFields.codeMentions("delivered in 2026 for 4.95 euros, pay in 3"));
    assertEquals(List.of("FW-2002", "mt100002"), KnowledgeFields.codeMentions("订单FW-2002 and mt100002."));
  }
}
