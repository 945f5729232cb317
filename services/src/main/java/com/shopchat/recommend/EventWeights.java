package com.shopchat.recommend;

import java.time.Duration;
import java.time.Instant;

/**
 * How much one event says about a shopper's taste: a weight per type (a purchase says more than a view) times an
 * exponential time decay with the given half-life, so that last month's browsing outweighs last year's. A rating
 * weighs {@code rating - 2} (1–2 stars say nothing positive); search and remove-from-cart weigh nothing here (a
 * search names no item; a removal is weak negative evidence we do not model).
 */
public record EventWeights(double view, double click, double addToCart, double purchase, Duration halfLife) {

  /** view 1, click 2, add to cart 4, purchase 8, half-life 30 days. */
  public static final EventWeights DEFAULT = new EventWeights(1, 2, 4, 8, Duration.ofDays(30));

  public EventWeights {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be positive");
    }
  }

  /** The type's weight, before decay; 0 for types that say nothing about taste. */
  public double typeWeight(EventType type, Integer rating) {
    return switch (type) {
      case VIEW -> view;
      case CLICK -> click;
      case ADD_TO_CART -> addToCart;
      case PURCHASE -> purchase;
      case RATE -> rating == null ? 0 : Math.max(0, rating - 2);
      case SEARCH, REMOVE_FROM_CART -> 0;
    };
  }

  /** The decay factor of an event at {@code at} seen from {@code now}: 1 now, 0.5 one half-life earlier. */
  public double decay(Instant at, Instant now) {
    if (at == null || !at.isBefore(now)) {
      return 1;
    }
    double ageSeconds = Duration.between(at, now).toMillis() / 1000.0;
    return Math.pow(0.5, ageSeconds / (halfLife.toMillis() / 1000.0));
  }

  public double weight(BehaviourEvent event, Instant now) {
    return typeWeight(event.type(), event.rating()) * decay(event.at(), now);
  }
}
