package com.shopchat.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Knowledge gaps clustered by their words")
class KnowledgeGapsTest {

  private static long ids;

  private static LearningRepository.InboxItem item(String text, String locale) {
    return new LearningRepository.InboxItem(++ids, text, locale, "oos", 0.2f, new JsonArray(), "v", List.of("oos"),
      true, "pending", null, null, null, OffsetDateTime.now(), null);
  }

  @Test
  @DisplayName("questions about gift wrapping group together, apart from ones about a loyalty card; the biggest "
    + "group comes first with its words, and a message of stop words alone is left out")
  void clusters() {
    List<KnowledgeGaps.Cluster> clusters = KnowledgeGaps.cluster(List.of(
      item("do you offer gift wrapping?", "en"),
      item("is there a loyalty card", "en"),
      item("can you gift wrap my order", "en"),
      item("gift wrapping please", "en"),
      item("how do I get a loyalty card?", "en"),
      item("is it", "en")));
    assertEquals(2, clusters.size());
    assertEquals(List.of("do you offer gift wrapping?", "can you gift wrap my order", "gift wrapping please"),
      clusters.get(0).items().stream().map(LearningRepository.InboxItem::text).toList());
    assertEquals("gift", clusters.get(0).words().get(0));
    assertEquals(2, clusters.get(1).items().size());
    assertEquals(List.of("card", "loyalty"), clusters.get(1).words().subList(0, 2));
  }

  @Test
  @DisplayName("Chinese questions group by their characters, and the cluster takes their locale")
  void chinese() {
    List<KnowledgeGaps.Cluster> clusters = KnowledgeGaps.cluster(List.of(item("可以开发票吗", "zh"),
      item("能开发票吗", "zh"), item("do you sell umbrellas", "en")));
    assertEquals(2, clusters.size());
    assertEquals("zh", clusters.get(0).locale());
    assertEquals(2, clusters.get(0).toJson().getJsonArray("questions").size());
  }
}
