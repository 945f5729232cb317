package com.shopchat.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.recommend.Strategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sticky variant assignment")
class BucketingTest {

  private static Experiment experiment(String id, int... weights) {
    Strategy[] strategies = Strategy.values();
    List<Variant> variants = new java.util.ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      variants.add(new Variant(String.valueOf((char) ('A' + i)), strategies[i % strategies.length], true, weights[i]));
    }
    return new Experiment(id, "split", "ctr", Experiment.RUNNING, 72, Instant.now(), Instant.now(), null, null,
      variants);
  }

  private static Map<String, Integer> split(Experiment experiment, int visitors) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < visitors; i++) {
      counts.merge(Bucketing.assign(experiment, "visitor-" + i).name(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  @DisplayName("a 50/50 split puts 50 % ± 2 % of 10,000 visitors in each variant")
  void fiftyFifty() {
    Map<String, Integer> counts = split(experiment("exp-5050", 50, 50), 10_000);
    assertEquals(5000, counts.get("A"), 200, counts.toString());
    assertEquals(5000, counts.get("B"), 200, counts.toString());
  }

  @Test
  @DisplayName("a 70/30 split puts 70 % ± 2 % and 30 % ± 2 % of 10,000 visitors in the variants")
  void seventyThirty() {
    Map<String, Integer> counts = split(experiment("exp-7030", 70, 30), 10_000);
    assertEquals(7000, counts.get("A"), 200, counts.toString());
    assertEquals(3000, counts.get("B"), 200, counts.toString());
  }

  @Test
  @DisplayName("a three-way 34/33/33 split is within 2 % too")
  void threeWay() {
    Map<String, Integer> counts = split(experiment("exp-three", 34, 33, 33), 10_000);
    assertEquals(3400, counts.get("A"), 200, counts.toString());
    assertEquals(3300, counts.get("B"), 200, counts.toString());
    assertEquals(3300, counts.get("C"), 200, counts.toString());
  }

  @Test
  @DisplayName("the same visitor always gets the same bucket; another experiment reshuffles visitors")
  void stable() {
    int moved = 0;
    for (int i = 0; i < 1000; i++) {
      int bucket = Bucketing.bucket("exp-one", "visitor-" + i);
      assertTrue(bucket >= 0 && bucket < Bucketing.BUCKETS);
      assertEquals(bucket, Bucketing.bucket("exp-one", "visitor-" + i));
      if (bucket < 5000 != Bucketing.bucket("exp-two", "visitor-" + i) < 5000) {
        moved++;
      }
    }
    // Independent hashes: about half the visitors land on the other side of a 50/50 split.
    assertEquals(500, moved, 100);
  }

  @Test
  @DisplayName("bucket boundaries follow the cumulative weights exactly")
  void boundaries() {
    List<Variant> variants = experiment("exp-b", 70, 30).variants();
    assertEquals("A", Bucketing.pick(variants, 0).name());
    assertEquals("A", Bucketing.pick(variants, 6999).name());
    assertEquals("B", Bucketing.pick(variants, 7000).name());
    assertEquals("B", Bucketing.pick(variants, 9999).name());
  }
}
