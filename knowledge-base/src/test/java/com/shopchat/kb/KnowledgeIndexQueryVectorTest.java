package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A hybrid search given the query's vector ranks as one that embeds the query itself, without embedding it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Knowledge index search with a precomputed query vector")
class KnowledgeIndexQueryVectorTest {

  private static final List<String> QUERIES = List.of("how long does delivery take?", "can i send it back",
      "which cards do you accept", "money back when", "多久能送到", "可以用支付宝吗");

  private final CountingEmbedder embedder = new CountingEmbedder();
  private KnowledgeIndex hybrid;
  private KnowledgeIndex bm25;

  @BeforeAll
  void index() {
    hybrid = KnowledgeIndex.inMemory(embedder);
    hybrid.replaceAll(KnowledgeFixture.entries());
    bm25 = KnowledgeIndex.inMemory();
    bm25.replaceAll(KnowledgeFixture.entries());
  }

  @AfterAll
  void close() {
    hybrid.close();
    bm25.close();
  }

  @Test
  @DisplayName("Same hits, scores and confidences as embedding the query, and the embedder is not called.")
  void sameHitsWithoutAForwardPass() {
    for (String query : QUERIES) {
      String locale = query.chars().anyMatch(c -> c > 0x2e80) ? "zh" : "en";
      List<KnowledgeHit> embedded = hybrid.search(query, locale, 5);
      float[] vector = embedder.embed(List.of(query))[0];
      int calls = embedder.calls.get();

      List<KnowledgeHit> given = hybrid.search(query, locale, 5, vector);

      assertEquals(calls, embedder.calls.get(), query);
      assertEquals(embedded, given, query);
    }
  }

  @Test
  @DisplayName("A null vector embeds the query as before.")
  void nullEmbeds() {
    int calls = embedder.calls.get();

    hybrid.search("how long does delivery take?", "en", 5, null);

    assertEquals(calls + 1, embedder.calls.get());
  }

  @Test
  @DisplayName("A vector of the wrong length is refused; a BM25-only index ignores any vector.")
  void wrongLengthRefusedAndBm25Ignores() {
    assertThrows(IllegalArgumentException.class, () -> hybrid.search("delivery", "en", 5, new float[3]));
    assertEquals(bm25.search("can i send it back", "en", 5),
        bm25.search("can i send it back", "en", 5, new float[CountingEmbedder.DIMENSION]));
  }

  /** Hashed bag of words, unit length: deterministic and cheap, enough to give the dense side an order. */
  private static final class CountingEmbedder implements Embedder {
    static final int DIMENSION = 16;
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public float[][] embed(List<String> texts) {
      calls.incrementAndGet();
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < texts.size(); i++) {
        float[] v = new float[DIMENSION];
        v[0] = 0.01f;
        for (String word : texts.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+|(?<=\\p{IsHan})")) {
          if (!word.isEmpty()) {
            v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
          }
        }
        out[i] = EntryVectors.normalize(v);
      }
      return out;
    }
  }
}
