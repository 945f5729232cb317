package com.shopchat.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.promotion.Promotion.Kind;
import com.shopchat.promotion.Promotion.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Promotion rules on a scripted shopper")
class PromotionRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  static Promotion promotion(String id, Rule rule, boolean active, int max, Instant from, Instant to) {
    return new Promotion(id, "P " + id, "CODE-" + id, 10, null, rule, "Take 10 % off", "九折", active, max, from, to,
      72, "admin@shop.test", NOW.minusSeconds(3600));
  }

  static Promotion promotion(String id, Rule rule) {
    return promotion(id, rule, true, 1, null, null);
  }

  private static final Promotion FIRST = promotion("first", new Rule(Kind.FIRST_PURCHASE, null, null, null));
  private static final Promotion CART = promotion("cart", new Rule(Kind.CART_ABOVE, 10_000L, null, null));
  private static final Promotion HESITATING = promotion("hesitating", new Rule(Kind.HESITATING, null, 30, 3));

  @Test
  @DisplayName("a first-purchase coupon fits a shopper who never bought, not a returning one")
  void firstPurchase() {
    assertTrue(PromotionRules.matches(FIRST, new ShopperFacts(0, 0, null, 0), NOW));
    assertFalse(PromotionRules.matches(FIRST, new ShopperFacts(1, 0, null, 0), NOW));
  }

  @Test
  @DisplayName("a cart-above coupon fits only a cart worth more than the threshold")
  void cartAbove() {
    assertTrue(PromotionRules.matches(CART, new ShopperFacts(2, 13_900, null, 0), NOW));
    assertFalse(PromotionRules.matches(CART, new ShopperFacts(2, 10_000, null, 0), NOW), "equal is not above");
    assertFalse(PromotionRules.matches(CART, new ShopperFacts(0, 0, null, 0), NOW));
  }

  @Test
  @DisplayName("a hesitating shopper: items carted at least N minutes ago, or several views with an empty cart")
  void hesitating() {
    assertTrue(PromotionRules.matches(HESITATING,
      new ShopperFacts(0, 5_000, NOW.minus(Duration.ofMinutes(30)), 0), NOW));
    assertFalse(PromotionRules.matches(HESITATING,
      new ShopperFacts(0, 5_000, NOW.minus(Duration.ofMinutes(29)), 9), NOW), "a fresh cart is not hesitation");
    assertTrue(PromotionRules.matches(HESITATING, new ShopperFacts(0, 0, null, 3), NOW));
    assertFalse(PromotionRules.matches(HESITATING, new ShopperFacts(0, 0, null, 2), NOW));
  }

  @Test
  @DisplayName("only live promotions are picked: inactive, not yet valid and expired ones are passed over")
  void onlyLive() {
    Rule first = new Rule(Kind.FIRST_PURCHASE, null, null, null);
    List<Promotion> all = List.of(promotion("off", first, false, 1, null, null),
      promotion("later", first, true, 1, NOW.plusSeconds(60), null),
      promotion("over", first, true, 1, null, NOW),
      promotion("now", first, true, 1, NOW.minusSeconds(60), NOW.plusSeconds(60)));
    assertEquals(Optional.of("now"),
      PromotionRules.pick(all, ShopperFacts.NONE, NOW, id -> 0).map(Promotion::id));
  }

  @Test
  @DisplayName("the first fitting promotion is picked until this conversation had its maximum of it, then the next")
  void perConversationMaximum() {
    Promotion twice = promotion("twice", new Rule(Kind.FIRST_PURCHASE, null, null, null), true, 2, null, null);
    List<Promotion> all = List.of(twice, CART);
    ShopperFacts facts = new ShopperFacts(0, 20_000, null, 0);
    assertEquals("twice", PromotionRules.pick(all, facts, NOW, id -> 1).orElseThrow().id());
    Map<String, Integer> offered = Map.of("twice", 2);
    assertEquals("cart", PromotionRules.pick(all, facts, NOW, id -> offered.getOrDefault(id, 0)).orElseThrow().id());
    assertTrue(PromotionRules.pick(all, facts, NOW, id -> 2).isEmpty());
  }

  @Test
  @DisplayName("the offer's text is in the shopper's language")
  void localeText() {
    assertEquals("九折", FIRST.text("zh-CN"));
    assertEquals("Take 10 % off", FIRST.text("en"));
  }
}
