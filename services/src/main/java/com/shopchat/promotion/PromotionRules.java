package com.shopchat.promotion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which promotion fits a shopper now: pure logic over the promotions and {@link ShopperFacts}. */
public final class PromotionRules {

  private PromotionRules() {
  }

  /** Whether {@code p}'s rule matches the shopper (its being live and paced is checked elsewhere). */
  public static boolean matches(Promotion p, ShopperFacts facts, Instant now) {
    Promotion.Rule rule = p.rule();
    return switch (rule.kind()) {
      case FIRST_PURCHASE -> facts.purchases() == 0;
      case CART_ABOVE -> facts.cartCents() > rule.thresholdCents();
      case HESITATING -> facts.cartedSince() != null
        ? !facts.cartedSince().plus(Duration.ofMinutes(rule.hesitateMinutes())).isAfter(now)
        : facts.cartCents() == 0 && facts.viewsWithoutCart() >= rule.hesitateViews();
    };
  }

  /**
   * The first of {@code promotions} (in the given order: oldest first) that is live at {@code now}, matches, and
   * has been offered in this conversation fewer times than its maximum ({@code offeredHere(id)}).
   */
  public static Optional<Promotion> pick(List<Promotion> promotions, ShopperFacts facts, Instant now,
                                         java.util.function.ToIntFunction<String> offeredHere) {
    return promotions.stream()
      .filter(p -> p.live(now) && matches(p, facts, now)
        && offeredHere.applyAsInt(p.id()) < p.maxOffersPerConversation())
      .findFirst();
  }
}
