package com.shopchat.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.commerce.Product;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The recommender's components")
class ComponentsTest {

  private static Interactions matrix(int users, int items, int[][] cells) {
    Interactions.Builder b = new Interactions.Builder(users, items);
    for (int[] c : cells) {
      b.add(c[0], c[1], c.length > 2 ? c[2] : 1);
    }
    return b.build();
  }

  @Test
  @DisplayName("The CSR builder sums duplicate cells, sorts columns, and its transpose swaps rows and columns.")
  void csrSumsAndTransposes() {
    Interactions m = matrix(2, 3, new int[][] {{1, 2}, {0, 1}, {1, 0}, {1, 2, 3}});
    assertEquals(3, m.size());
    assertEquals(1, m.rowLength(0));
    assertEquals(0, m.column(m.rowStart(1)));
    assertEquals(4f, m.value(m.rowStart(1) + 1));
    Interactions t = m.transpose();
    assertEquals(3, t.rows());
    assertEquals(1, t.column(t.rowStart(2)));
    assertEquals(4f, t.value(t.rowStart(2)));
  }

  @Test
  @DisplayName("Item kNN ranks the item most often co-viewed first among an item's neighbours.")
  void itemKnnCoViews() {
    // Twenty shoppers view item 0; eight of them also view item 1, two others item 2.
    Interactions.Builder b = new Interactions.Builder(20, 3);
    for (int u = 0; u < 20; u++) {
      b.add(u, 0, 1);
      if (u < 8) {
        b.add(u, 1, 1);
      } else if (u < 10) {
        b.add(u, 2, 1);
      }
    }
    ItemKnn knn = ItemKnn.train(b.build(), new ItemKnn.Settings(5, 100, 0, 1));
    assertEquals(1, knn.neighbour(0, 0));
    assertEquals(2, knn.neighbour(0, 1));
    assertEquals(8 / Math.sqrt(20 * 8), knn.similarity(0, 0), 1e-5);
    assertEquals(0, knn.similarityTo(1, 2));
  }

  @Test
  @DisplayName("iALS recovers two taste clusters: a history in one cluster scores that cluster's unseen items higher.")
  void alsRecoversClusters() {
    Interactions.Builder b = new Interactions.Builder(40, 10);
    for (int u = 0; u < 40; u++) {
      int base = u < 20 ? 0 : 5;
      for (int k = 0; k < 4; k++) {
        b.add(u, base + (u + k) % 5, 1);
      }
    }
    ImplicitAls als = ImplicitAls.train(b.build(), new ImplicitAls.Settings(4, 15, 10, 0.1, 3, 1, 2));
    float[] user = als.foldIn(new int[] {0, 1}, new float[] {1, 1}, 2);
    for (int mine = 2; mine < 5; mine++) {
      for (int other = 5; other < 10; other++) {
        assertTrue(als.score(user, mine) > als.score(user, other), mine + " vs " + other);
      }
    }
    float[] trained = als.userVector(25);
    assertTrue(als.score(trained, 6) > als.score(trained, 1));
  }

  @Test
  @DisplayName("Content similarity ranks same category and brand above same category, above another category.")
  void contentRanksCategoryAndBrand() {
    CatalogIndex catalog = CatalogIndex.of(Fixture.catalog());
    ContentSimilarity content = new ContentSimilarity(catalog, ContentSimilarity.Weights.DEFAULT);
    int sh0 = catalog.item("SH0");
    double sameBoth = content.similarity(sh0, catalog.item("SH2"));
    double sameCategory = content.similarity(sh0, catalog.item("SH1"));
    double other = content.similarity(sh0, catalog.item("TS1"));
    assertTrue(sameBoth > sameCategory && sameCategory > other, sameBoth + " " + sameCategory + " " + other);
    assertEquals(0.5, ContentSimilarity.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4}) * 1.0, 1e-9);
  }

  @Test
  @DisplayName("A prepared content anchor gives exactly similarity(anchor, b), word ids past its filter's bits too.")
  void contentAnchorIsExact() {
    Random random = new Random(7);
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StringBuilder words = new StringBuilder();
      for (int w = 0; w < 4 + random.nextInt(20); w++) {
        words.append(" w").append(random.nextInt(3000));
      }
      JsonObject attributes = new JsonObject().put("color", "c" + random.nextInt(5));
      if (random.nextBoolean()) {
        attributes.put("material", "m" + random.nextInt(4));
      }
      String description = random.nextInt(4) == 0 ? null : "d w" + random.nextInt(3000);
      long price = random.nextInt(5) == 0 ? 0 : 100 + random.nextInt(9000);
      products.add(new Product("P" + i, "t" + i + words, description, "cat" + random.nextInt(6),
          "brand" + random.nextInt(9), price, "EUR", 1, null, attributes));
    }
    CatalogIndex catalog = CatalogIndex.of(products);
    ContentSimilarity content = new ContentSimilarity(catalog, ContentSimilarity.Weights.DEFAULT);
    for (int a = 0; a < 60; a++) {
      ContentSimilarity.Anchor anchor = content.anchor(a);
      for (int b = 0; b < catalog.size(); b++) {
        assertEquals(content.similarity(a, b), anchor.similarity(b), 0.0, a + " vs " + b);
      }
    }
  }

  @Test
  @DisplayName("The ranking heap hands candidates out in the order of a full sort: score descending, ties by item.")
  void rankingIsASort() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      int n = random.nextInt(300);
      double[] score = new double[n];
      int[] item = new int[n];
      for (int s = 0; s < n; s++) {
        score[s] = random.nextInt(20) / 4.0; // many ties
        item[s] = random.nextInt(100_000);
      }
      Integer[] sorted = new Integer[n];
      for (int s = 0; s < n; s++) {
        sorted[s] = s;
      }
      Arrays.sort(sorted, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a])
          : Integer.compare(item[a], item[b]));
      RecommenderModel.Ranking ranking = new RecommenderModel.Ranking(score, item, n);
      for (int k = 0; k < n; k++) {
        int s = ranking.next();
        assertEquals(score[sorted[k]], score[s]);
        assertEquals(item[sorted[k]], item[s]);
      }
      assertTrue(!ranking.hasNext());
    }
  }

  @Test
  @DisplayName("Popularity orders items by decayed weight, most popular first, ties by item number.")
  void popularityOrder() {
    Popularity p = Popularity.of(new float[] {1, 5, 0, 5, 3});
    assertArrayEquals(new int[] {1, 3, 4, 0, 2}, p.order());
    assertEquals(1f, p.score(1));
    assertEquals(0f, p.score(2));
  }

  @Test
  @DisplayName("Event weights follow the type (purchase 8 × view) and halve every half-life.")
  void eventWeights() {
    EventWeights w = EventWeights.DEFAULT;
    assertEquals(8, w.weight(Fixture.event("u", EventType.PURCHASE, "A", 0), Fixture.NOW), 1e-9);
    assertEquals(0.5, w.weight(Fixture.event("u", EventType.VIEW, "A", 30), Fixture.NOW), 1e-9);
    assertEquals(0, w.weight(Fixture.event("u", EventType.REMOVE_FROM_CART, "A", 0), Fixture.NOW));
    assertEquals(List.of(), CatalogIndex.words("a & i"));
  }
}
