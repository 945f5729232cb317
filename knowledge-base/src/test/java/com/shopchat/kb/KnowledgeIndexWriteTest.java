package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Changing the knowledge base")
class KnowledgeIndexWriteTest {

  private static final int FIXTURE_SIZE = KnowledgeFixture.entries().size();

  private KnowledgeIndex index;

  @BeforeEach
  void indexFixture() {
    index = KnowledgeIndex.inMemory();
    index.replaceAll(KnowledgeFixture.entries());
  }

  @AfterEach
  void closeIndex() {
    index.close();
  }

  @Test
  @DisplayName("Upserting an existing id replaces its answer without adding an entry.")
  void upsertReplacesEntry() {
    index.upsert(KnowledgeFixture.en("en-delivery", "Delivery time", List.of("how long does delivery take"),
      "Express delivery arrives next day.", List.of(), null));

    KnowledgeHit hit = index.search("how long does delivery take", "en", 1).get(0);
    assertEquals("Express delivery arrives next day.", hit.entry().answer());
    assertEquals(FIXTURE_SIZE, index.size());
  }

  @Test
  @DisplayName("Upserting a new id adds an entry that is searchable at once.")
  void upsertAddsEntry() {
    index.upsert(KnowledgeFixture.en("en-gift", "Gift cards", List.of("do you sell gift cards"),
      "Gift cards are sold in amounts from 10 to 200 euros.", List.of("voucher"), "payment"));

    assertEquals("en-gift", index.search("gift voucher", "en", 1).get(0).entry().id());
    assertEquals(FIXTURE_SIZE + 1, index.size());
  }

  @Test
  @DisplayName("Upserting several entries at once replaces and adds them in one call.")
  void upsertAllReplacesAndAdds() {
    index.upsertAll(List.of(
      KnowledgeFixture.en("en-warranty", "Warranty", List.of(), "Three years on everything.", List.of(), null),
      KnowledgeFixture.en("en-gift", "Gift cards", List.of(), "Gift cards never expire.", List.of(), null)));

    assertEquals("Three years on everything.", index.search("warranty", "en", 1).get(0).entry().answer());
    assertEquals(FIXTURE_SIZE + 1, index.size());
  }

  @Test
  @DisplayName("Deleting an id removes that entry from search results and from the count.")
  void deleteRemovesEntry() {
    index.delete("en-password");

    assertTrue(index.search("reset my password", "en", 5).stream()
      .noneMatch(h -> h.entry().id().equals("en-password")));
    assertEquals(FIXTURE_SIZE - 1, index.size());
  }

  @Test
  @DisplayName("Replacing all entries leaves only the new ones.")
  void replaceAllReplacesEverything() {
    index.replaceAll(List.of(KnowledgeFixture.en("en-gift", "Gift cards", List.of("do you sell gift cards"),
      "Gift cards never expire.", List.of(), null)));

    assertEquals(1, index.size());
    assertEquals(List.of(), index.search("how long does delivery take", "en", 5));
  }

  @Test
  @DisplayName("An index on disk keeps its entries when it is closed and opened again.")
  void fileIndexSurvivesReopen(@TempDir Path dir) {
    try (KnowledgeIndex onDisk = KnowledgeIndex.open(dir)) {
      onDisk.replaceAll(KnowledgeFixture.entries());
    }

    try (KnowledgeIndex reopened = KnowledgeIndex.open(dir)) {
      assertEquals(FIXTURE_SIZE, reopened.size());
      assertEquals("zh-returns", reopened.search("退货政策是什么", "zh", 1).get(0).entry().id());
    }
  }

  @Test
  @DisplayName("Searches on several threads while entries are upserted all complete without errors.")
  void concurrentSearchesDuringUpserts() throws InterruptedException {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> searchers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      searchers.add(Thread.ofPlatform().start(() -> searchRepeatedly(failures)));
    }
    for (int i = 0; i < 50; i++) {
      index.upsert(KnowledgeFixture.en("en-delivery", "Delivery time", List.of("how long does delivery take"),
        "Delivery takes " + i + " days.", List.of(), null));
    }
    for (Thread searcher : searchers) {
      searcher.join();
    }

    assertEquals(List.of(), List.copyOf(failures));
    assertEquals("Delivery takes 49 days.", index.search("delivery", "en", 1).get(0).entry().answer());
  }

  private void searchRepeatedly(ConcurrentLinkedQueue<Throwable> failures) {
    try {
      for (int i = 0; i < 200; i++) {
        if (index.search("how long does delivery take", "en", 3).isEmpty()) {
          failures.add(new AssertionError("delivery entry vanished during an upsert"));
        }
      }
    } catch (RuntimeException | Error e) {
      failures.add(e);
    }
  }
}
