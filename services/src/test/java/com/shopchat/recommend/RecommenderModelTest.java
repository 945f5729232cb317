package com.shopchat.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.commerce.Product;
import com.shopchat.recommend.Recommendation.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RecommenderModel.recommend")
class RecommenderModelTest {

  private static final RecommenderModel MODEL = Fixture.model();
  private static final Map<String, Product> PRODUCTS =
      Fixture.catalog().stream().collect(Collectors.toMap(Product::sku, p -> p));

  private static List<String> skus(List<Recommendation> recs) {
    return recs.stream().map(Recommendation::sku).toList();
  }

  private static void assertAll(List<Recommendation> recs, Predicate<Product> rule, String what) {
    for (Recommendation r : recs) {
      assertTrue(rule.test(PRODUCTS.get(r.sku())), r.sku() + " breaks: " + what);
    }
  }

  @Test
  @DisplayName("A shopper who viewed SH0 gets SH1, the item most co-viewed with it, first, because of SH0.")
  void coViewedFirst() {
    List<Recommendation> recs = MODEL.recommend(Fixture.viewed("SH0"), RecommendationContext.none(),
        Strategy.HYBRID, 4);
    assertEquals("SH1", recs.get(0).sku());
    assertEquals(Reason.VIEWED_TOGETHER, recs.get(0).reason());
    assertEquals("SH0", recs.get(0).anchorSku());
  }

  @Test
  @DisplayName("Out-of-stock, bought, carted and just-viewed items never come back, whatever the strategy.")
  void neverOutOfStockOrBought() {
    ShopperProfile profile = new ShopperProfile("s", "en", Map.of(), Map.of(), null, List.of("SH0"),
        List.of("SH2"), Set.of("SH1", "HA0"), Fixture.NOW);
    for (Strategy strategy : Strategy.values()) {
      List<Recommendation> recs = MODEL.recommend(profile, RecommendationContext.none(), strategy, 20);
      assertEquals(20, recs.size(), strategy + " " + skus(recs));
      assertAll(recs, Product::inStock, "in stock");
      for (String banned : List.of("SH0", "SH1", "SH2", "HA0", "SH9")) {
        assertFalse(skus(recs).contains(banned), strategy + " recommended " + banned);
      }
    }
  }

  @Test
  @DisplayName("Category, brand, price range, colour and size from the conversation are hard constraints.")
  void constraintsRespected() {
    RecommendationContext ctx = Fixture.context("shirts", "ACME", 1500L, 4000L, "Red", "m");
    for (Strategy strategy : Strategy.values()) {
      List<Recommendation> recs = MODEL.recommend(Fixture.viewed("SH0"), ctx, strategy, 10);
      // Shirts by Acme are the even ones; red is index < 5; 1500..4000 cents is index 1..6: TS2 and TS4.
      assertEquals(Set.of("TS2", "TS4"), Set.copyOf(skus(recs)), strategy.toString());
      assertAll(recs, p -> p.category().equals("Shirts") && p.brand().equals("Acme"), "category/brand");
    }
    assertEquals(List.of(), MODEL.recommend(Fixture.viewed(), Fixture.context("Kites", null, null, null, null,
        null), Strategy.HYBRID, 5));
  }

  @Test
  @DisplayName("A request for a category names MATCHES_REQUEST for items chosen by popularity within it.")
  void matchesRequestReason() {
    List<Recommendation> recs = MODEL.recommend(Fixture.viewed(), Fixture.context("Hats", null, null, null, null,
        null), Strategy.HYBRID, 3);
    assertEquals("HA0", recs.get(0).sku());
    assertEquals(Reason.MATCHES_REQUEST, recs.get(0).reason());
  }

  @Test
  @DisplayName("No more than ⌈k/2⌉ results share a category, unless the context fixes the category.")
  void diversity() {
    for (Strategy strategy : Strategy.values()) {
      List<Recommendation> recs = MODEL.recommend(Fixture.viewed("SH0"), RecommendationContext.none(), strategy, 5);
      Map<String, Long> perCategory = recs.stream()
          .collect(Collectors.groupingBy(r -> PRODUCTS.get(r.sku()).category(), Collectors.counting()));
      assertEquals(5, recs.size());
      assertTrue(perCategory.values().stream().allMatch(n -> n <= 3), strategy + " " + perCategory);
    }
    List<Recommendation> shoes = MODEL.recommend(Fixture.viewed("SH0"), Fixture.context("Shoes", null, null, null,
        null, null), Strategy.HYBRID, 5);
    assertEquals(5, shoes.size());
  }

  @Test
  @DisplayName("With anchor items (an order just discussed), their bought-together complements come first.")
  void anchorComplements() {
    RecommendationContext ctx = new RecommendationContext(null, null, null, null, null, null, List.of("SH4"),
        Set.of());
    List<Recommendation> recs = MODEL.recommend(Fixture.viewed(), ctx, Strategy.HYBRID, 4);
    assertEquals("SO0", recs.get(0).sku());
    assertEquals(Reason.BOUGHT_TOGETHER, recs.get(0).reason());
    assertEquals("SH4", recs.get(0).anchorSku());
    assertFalse(skus(recs).contains("SH4"));
  }

  @Test
  @DisplayName("An empty profile gets the most popular items, in order, with reason POPULAR.")
  void coldStartIsPopular() {
    List<Recommendation> recs = MODEL.recommend(Fixture.viewed(), RecommendationContext.none(), Strategy.HYBRID, 2);
    assertEquals(List.of("HA0", "TS0"), skus(recs));
    assertEquals(Reason.POPULAR, recs.get(0).reason());
    assertEquals(recs, MODEL.recommend(Fixture.viewed(), RecommendationContext.none(), Strategy.POPULARITY, 2));
  }

  @Test
  @DisplayName("CONTENT recommends items like the viewed one: same category and brand first, reason SIMILAR.")
  void contentStrategy() {
    List<Recommendation> recs = MODEL.recommend(Fixture.viewed("TS4"), RecommendationContext.none(),
        Strategy.CONTENT, 2);
    Product first = PRODUCTS.get(recs.get(0).sku());
    assertEquals("Shirts", first.category());
    assertEquals("Acme", first.brand());
    assertEquals(Reason.SIMILAR, recs.get(0).reason());
    assertEquals("TS4", recs.get(0).anchorSku());
  }

  @Test
  @DisplayName("A category affinity in the profile lifts that category's items over more popular ones.")
  void affinityBoost() {
    ShopperProfile shirtLover = new ShopperProfile("s", "en", Map.of("SHIRTS", 5.0), Map.of(), null, List.of(),
        List.of(), Set.of(), Fixture.NOW);
    assertEquals("TS0", MODEL.recommend(shirtLover, RecommendationContext.none(), Strategy.HYBRID, 2).get(0).sku());
    assertEquals("HA0", MODEL.recommend(shirtLover, RecommendationContext.none(), Strategy.POPULARITY, 2).get(0)
        .sku());
  }

  @Test
  @DisplayName("The price band is a soft preference: 1 inside the band, less the further outside it.")
  void priceBand() {
    ShopperProfile profile = new ShopperProfile("s", "en", Map.of(), Map.of(), new ShopperProfile.PriceBand(2000,
        3000), List.of(), List.of(), Set.of(), Fixture.NOW);
    Request request = new Request(MODEL.catalog(), profile, RecommendationContext.none());
    CatalogIndex c = MODEL.catalog();
    assertEquals(1.0, request.priceFactor(c.item("TS2")));
    assertTrue(request.priceFactor(c.item("TS6")) < request.priceFactor(c.item("TS5")));
    assertTrue(request.priceFactor(c.item("TS5")) < 1.0);
  }

  @Test
  @DisplayName("k outside 1..100 is refused with a clear error.")
  void badK() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MODEL.recommend(Fixture.viewed(), RecommendationContext.none(), Strategy.HYBRID, 0));
    assertEquals("k must be 1..100, was 0", e.getMessage());
  }
}
