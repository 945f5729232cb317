package com.shopchat.nlu.entity;

import static com.shopchat.nlu.entity.EntityExtractorTest.at;
import static com.shopchat.nlu.entity.EntityExtractorTest.atLast;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Catalog mentions")
class CatalogEntityIndexTest {

  /** A few products of the demo shop, enough for typos, shared words and brands inside titles. */
  static final List<CatalogItem> CATALOG = List.of(
    new CatalogItem("AP-1001", "Merino Crew Sweater", "apparel", "Maple & Thread"),
    new CatalogItem("AP-1002", "Organic Cotton Oxford Shirt", "apparel", "Maple & Thread"),
    new CatalogItem("AP-1004", "Linen Summer Shirt", "apparel", "Maple & Thread"),
    new CatalogItem("FW-2004", "Northpeak Trail Hiking Boot", "footwear", "Northpeak"),
    new CatalogItem("FW-2008", "Northpeak Trail Running Shoe", "footwear", "Northpeak"),
    new CatalogItem("HM-3006", "Organic Cotton Bath Towel Set", "home", "Hearth & Co"),
    new CatalogItem("EL-4002", "Voltix 65 W GaN Charger", "electronics", "Voltix"));

  private static CatalogEntityIndex index;
  private static EntityExtractor extractor;

  @BeforeAll
  static void buildIndex() {
    index = CatalogEntityIndex.build(CATALOG);
    extractor = EntityExtractor.create(index);
  }

  @AfterAll
  static void closeIndex() {
    index.close();
  }

  private static Arguments found(String text, Entity... expected) {
    return Arguments.of(text, List.of(expected));
  }

  static Stream<Arguments> mentions() {
    String t1 = "do you still have the merino sweter?";
    String t2 = "The Merino Crew Sweater in navy, size M";
    String t3 = "are Northpeak Trail Hiking Boots waterproof";
    String t4 = "anything new from Nortpeak?";
    String t5 = "do you sell shoes and clothes?";
    String t6 = "is AP-1004 back in stock";
    String t7 = "two merino sweaters and 3 linen shirts";
    String t8 = "I need size 42 shoes";
    String t9 = "the voltix charger stopped working";
    String t10 = "有没有鞋子";
    String t11 = "I love Maple & Thread";
    return Stream.of(
      found(t1, at(t1, "merino sweter", Entity.PRODUCT, "AP-1001")),
      found(t2, at(t2, "Merino Crew Sweater", Entity.PRODUCT, "AP-1001"), at(t2, "navy", Entity.COLOR, "navy"),
        atLast(t2, "M", Entity.SIZE, "M")),
      found(t3, at(t3, "Northpeak Trail Hiking Boots", Entity.PRODUCT, "FW-2004")),
      found(t4, at(t4, "Nortpeak", Entity.BRAND, "Northpeak")),
      found(t5, at(t5, "shoes", Entity.CATEGORY, "footwear"), at(t5, "clothes", Entity.CATEGORY, "apparel")),
      found(t6, at(t6, "AP-1004", Entity.PRODUCT, "AP-1004")),
      found(t7, at(t7, "two", Entity.QUANTITY, "2"), at(t7, "merino sweaters", Entity.PRODUCT, "AP-1001"),
        at(t7, "3", Entity.QUANTITY, "3"), at(t7, "linen shirts", Entity.PRODUCT, "AP-1004")),
      found(t8, at(t8, "42", Entity.SIZE, "42"), at(t8, "shoes", Entity.CATEGORY, "footwear")),
      found(t9, at(t9, "voltix charger", Entity.PRODUCT, "EL-4002")),
      found(t10, at(t10, "鞋子", Entity.CATEGORY, "footwear")),
      found(t11, at(t11, "Maple & Thread", Entity.BRAND, "Maple & Thread")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mentions")
  @DisplayName("Products, brands and categories are found with their spans, typos and plurals included.")
  void findsCatalogMentions(String text, List<Entity> expected) {
    assertEquals(expected, extractor.extract(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"organic cotton please", "I need assistance closing my account", "cancel my order",
    "what is your return policy", "is it made of cotton?"})
  @DisplayName("Words that fit two products equally, one shared word, or a near miss of a name give no catalog entity.")
  void ambiguousOrThinMentionsGiveNothing(String text) {
    assertEquals(List.of(), extractor.extract(text));
  }

  @Test
  @DisplayName("An empty catalog finds no catalog entities but everything else.")
  void emptyCatalogStillFindsTheRest() {
    try (CatalogEntityIndex empty = CatalogEntityIndex.build(List.of())) {
      String text = "the merino sweater for order MT-100002";
      assertEquals(List.of(at(text, "MT-100002", Entity.ORDER_ID, "MT-100002")),
        EntityExtractor.create(empty).extract(text));
      assertEquals(0, empty.size());
    }
  }

  @Test
  @DisplayName("Eight threads extracting at once get exactly what one thread gets.")
  void concurrentExtractionMatchesSequential() throws Exception {
    List<String> texts = new ArrayList<>();
    mentions().forEach(a -> texts.add((String) a.get()[0]));
    List<List<Entity>> expected = texts.stream().map(extractor::extract).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<List<Entity>>>> runs = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        runs.add(pool.submit(() -> {
          List<List<Entity>> all = new ArrayList<>();
          for (int round = 0; round < 25; round++) {
            all.clear();
            texts.forEach(t -> all.add(extractor.extract(t)));
          }
          return all;
        }));
      }
      for (Future<List<List<Entity>>> run : runs) {
        assertEquals(expected, run.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
