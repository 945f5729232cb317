package com.shopchat.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import com.shopchat.recommend.ShopperProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A shopper profile computed from events")
class ProfileBuilderTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final ProfileBuilder BUILDER = new ProfileBuilder(Duration.ofDays(14));
  private static final Map<String, ProductFacts> PRODUCTS = Map.of(
    "BOOT", new ProductFacts("BOOT", "footwear", "Stridewell", 16900),
    "SLIPPER", new ProductFacts("SLIPPER", "footwear", "Hearth & Co", 3900),
    "PAN", new ProductFacts("PAN", "home", "Hearth & Co", 9900),
    "PACK", new ProductFacts("PACK", "outdoor", "Northpeak", 8900));

  private int n;

  private BehaviourEvent event(EventType type, Duration ago, String... skus) {
    return new BehaviourEvent("e" + n++, type, "v-1", null, List.of(skus), NOW.minus(ago), null, null, null, null);
  }

  /** Newest first, as the store hands them over. */
  private static ShopperProfile build(BehaviourEvent... oldestFirst) {
    List<BehaviourEvent> events = new ArrayList<>(List.of(oldestFirst));
    Collections.reverse(events);
    return BUILDER.build("v-1", "en", events, PRODUCTS, NOW);
  }

  @Test
  @DisplayName("a view one half-life old weighs half a fresh one")
  void decay() {
    ShopperProfile profile = build(event(EventType.VIEW, Duration.ofDays(14), "PACK"),
      event(EventType.VIEW, Duration.ZERO, "PAN"));
    assertEquals(0.5, profile.categoryAffinity().get("outdoor"), 1e-9);
    assertEquals(1.0, profile.categoryAffinity().get("home"), 1e-9);
    assertEquals(0.25, BUILDER.decay(Duration.ofDays(28)), 1e-9);
  }

  @Test
  @DisplayName("weighs a click 2, an add to cart 4, a purchase 8 and a rating its distance from 3")
  void weights() {
    ShopperProfile profile = build(event(EventType.CLICK, Duration.ZERO, "BOOT"),
      event(EventType.ADD_TO_CART, Duration.ZERO, "PAN"), event(EventType.PURCHASE, Duration.ZERO, "PACK"),
      new BehaviourEvent("r", EventType.RATE, "v-1", null, List.of("SLIPPER"), NOW, null, 1, null, null));
    assertEquals(2.0, profile.brandAffinity().get("Stridewell"), 1e-9);
    assertEquals(4.0 - 2.0, profile.brandAffinity().get("Hearth & Co"), 1e-9);
    assertEquals(8.0, profile.brandAffinity().get("Northpeak"), 1e-9);
    assertEquals(2.0 - 2.0, profile.categoryAffinity().get("footwear"), 1e-9);
  }

  @Test
  @DisplayName("a search bumps the categories and brands its query names")
  void search() {
    ShopperProfile profile = build(new BehaviourEvent("s", EventType.SEARCH, "v-1", null, List.of(),
      NOW, "category:footwear brand:\"Hearth & Co\" warm", null, null, null));
    assertEquals(Map.of("footwear", 1.0), profile.categoryAffinity());
    assertEquals(Map.of("Hearth & Co", 1.0), profile.brandAffinity());
  }

  @Test
  @DisplayName("the price band is the 25th to 75th percentile of viewed and bought prices, none below 3")
  void priceBand() {
    assertNull(build(event(EventType.VIEW, Duration.ZERO, "BOOT"), event(EventType.VIEW, Duration.ZERO, "PAN"))
      .priceBand());
    ShopperProfile profile = build(event(EventType.VIEW, Duration.ZERO, "BOOT"),
      event(EventType.VIEW, Duration.ZERO, "SLIPPER"), event(EventType.PURCHASE, Duration.ZERO, "PAN", "PACK"),
      event(EventType.ADD_TO_CART, Duration.ZERO, "BOOT"));
    // 3900, 8900, 9900, 16900: nearest ranks 1 and 3.
    assertEquals(new ShopperProfile.PriceBand(3900, 9900), profile.priceBand());
  }

  @Test
  @DisplayName("the cart is what was added, less what was removed or bought since, newest first")
  void cart() {
    ShopperProfile profile = build(event(EventType.ADD_TO_CART, Duration.ofHours(5), "BOOT"),
      event(EventType.ADD_TO_CART, Duration.ofHours(4), "PAN", "PACK"),
      event(EventType.REMOVE_FROM_CART, Duration.ofHours(3), "PAN"),
      event(EventType.PURCHASE, Duration.ofHours(2), "BOOT"),
      event(EventType.ADD_TO_CART, Duration.ofHours(1), "SLIPPER"),
      event(EventType.ADD_TO_CART, Duration.ofMinutes(30), "BOOT"));
    assertEquals(List.of("BOOT", "SLIPPER", "PACK"), profile.cart());
    assertEquals(Set.of("BOOT"), profile.purchased());
  }

  @Test
  @DisplayName("recent views are distinct, newest first, at most 20; updatedAt is the newest event")
  void recentViews() {
    List<BehaviourEvent> oldestFirst = new ArrayList<>();
    for (int i = 30; i >= 1; i--) {
      oldestFirst.add(event(EventType.VIEW, Duration.ofMinutes(i), "P" + i));
    }
    oldestFirst.add(event(EventType.VIEW, Duration.ZERO, "P5"));
    ShopperProfile profile = build(oldestFirst.toArray(BehaviourEvent[]::new));
    assertEquals(20, profile.recentViews().size());
    assertEquals(List.of("P5", "P1", "P2", "P3", "P4", "P6"), profile.recentViews().subList(0, 6));
    assertEquals(NOW, profile.updatedAt());
  }
}
