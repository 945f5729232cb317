package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Searching the knowledge base")
class KnowledgeIndexSearchTest {

  private KnowledgeIndex index;

  @BeforeAll
  void indexFixture() {
    index = KnowledgeIndex.inMemory();
    index.replaceAll(KnowledgeFixture.entries());
  }

  @AfterAll
  void closeIndex() {
    index.close();
  }

  @Test
  @DisplayName("A delivery question finds the delivery entry first with confidence of at least one half.")
  void deliveryQuestionFindsDeliveryEntry() {
    List<KnowledgeHit> hits = index.search("how long does delivery take?", "en", 5);

    assertEquals("en-delivery", hits.get(0).entry().id());
    assertTrue(hits.get(0).confidence() >= 0.5f, "confidence " + hits.get(0).confidence());
  }

  @Test
  @DisplayName("A return policy question finds the return policy entry first.")
  void returnPolicyQuestionFindsReturnsEntry() {
    List<KnowledgeHit> hits = index.search("what is your return policy?", "en", 5);

    assertEquals("en-returns", hits.get(0).entry().id());
    assertEquals(1f, hits.get(0).coverage());
    // Calibrated: a whole, first-ranked match is well above the dialogue's answer threshold (0.7).
    assertTrue(hits.get(0).confidence() >= 0.7f, "confidence " + hits.get(0).confidence());
  }

  @Test
  @DisplayName("Inflected words are stemmed, so 'refunds refunded' finds the refund entry.")
  void stemmingMatchesInflectedWords() {
    List<KnowledgeHit> hits = index.search("refunds refunded", "en", 5);

    assertEquals("en-refund", hits.get(0).entry().id());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "退货政策是什么, zh-returns",
    "多久能送到, zh-delivery",
    "配送需要多长时间, zh-delivery",
    "退款什么时候到账, zh-refund",
    "你们支持哪些支付方式, zh-payment",
    "保修多久, zh-warranty"
  })
  @DisplayName("A Chinese question finds the matching Chinese entry first.")
  void chineseQuestionFindsChineseEntry(String query, String expectedId) {
    List<KnowledgeHit> hits = index.search(query, "zh", 5);

    assertEquals(expectedId, hits.get(0).entry().id());
    assertTrue(hits.get(0).confidence() >= 0.5f, "confidence " + hits.get(0).confidence());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "how long until I am reimbursed, en-refund, en",
    "is there any postage on my package, en-delivery, en",
    "i want to swap my trainers for a guarantee claim, en-warranty, en",
    "还钱要几天, zh-refund, zh",
    "邮寄要几天, zh-delivery, zh",
    "有质保吗, zh-warranty, zh"
  })
  @DisplayName("A shopper's synonym that no entry uses finds the entry that says it in the shop's words.")
  void synonymsMatchParaphrases(String query, String expectedId, String locale) {
    List<KnowledgeHit> hits = index.search(query, locale, 5);

    assertEquals(expectedId, hits.get(0).entry().id(), "hits " + hits);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "money back, en-refund, en",
    "reimbursement timing, en-refund, en",
    "postage time, en-delivery, en",
    "还钱, zh-refund, zh",
    "邮寄时间, zh-delivery, zh"
  })
  @DisplayName("A synonym counts as a covered word: the entry it means is found as surely as by the shop's own word.")
  void synonymCountsTowardsConfidence(String query, String expectedId, String locale) {
    KnowledgeHit best = index.search(query, locale, 1).get(0);

    assertEquals(expectedId, best.entry().id());
    assertEquals(1f, best.coverage());
    // Calibrated: a whole, first-ranked match is well above the dialogue's answer threshold (0.7).
    assertTrue(best.confidence() >= 0.7f, "confidence " + best.confidence());
  }

  @Test
  @DisplayName("An English search never returns Chinese entries.")
  void englishSearchReturnsOnlyEnglishEntries() {
    List<KnowledgeHit> hits = index.search("delivery return refund payment warranty 退货 配送", "en", 20);

    assertFalse(hits.isEmpty());
    assertTrue(hits.stream().allMatch(h -> h.entry().locale().equals("en")));
  }

  @Test
  @DisplayName("A Chinese search never returns English entries.")
  void chineseSearchReturnsOnlyChineseEntries() {
    List<KnowledgeHit> hits = index.search("退货 配送 refund delivery warranty", "zh", 20);

    assertFalse(hits.isEmpty());
    assertTrue(hits.stream().allMatch(h -> h.entry().locale().equals("zh")));
  }

  @Test
  @DisplayName("An unrelated question yields no hit confident enough to answer.")
  void unrelatedQuestionIsNotConfident() {
    List<KnowledgeHit> hits = index.search("do you sell spaceships to mars", "en", 5);

    assertTrue(hits.isEmpty() || hits.get(0).confidence() < 0.5f, "hits " + hits);
  }

  @Test
  @DisplayName("Lucene query syntax in customer text is treated as plain words and does not throw.")
  void luceneSyntaxIsSafe() {
    List<KnowledgeHit> hits = index.search("AND (refund* OR \"[return]\"):~^ {x} / \\ ?", "en", 5);

    assertTrue(hits.stream().anyMatch(h -> h.entry().id().equals("en-refund")));
  }

  @Test
  @DisplayName("A blank query returns no hits.")
  void blankQueryReturnsNothing() {
    assertEquals(List.of(), index.search("   ", "en", 5));
  }

  @Test
  @DisplayName("A hit carries the whole stored entry, lists in their original order.")
  void hitRebuildsEntry() {
    KnowledgeEntry expected = KnowledgeFixture.entries().get(0);

    KnowledgeHit hit = index.search("delivery", "en", 1).get(0);

    assertEquals(expected, hit.entry());
  }

  @Test
  @DisplayName("Search returns at most the requested number of hits.")
  void limitCapsHits() {
    assertEquals(2, index.search("order delivery refund password", "en", 2).size());
  }
}
