package com.shopchat.profile;

import com.shopchat.events.ChatSearches;
import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import com.shopchat.recommend.ShopperProfile;
import com.shopchat.recommend.ShopperProfile.PriceBand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a {@link ShopperProfile} from one shopper's events (pure: no I/O, the time passed in). Each event adds
 * its type's weight to the categories and brands of its products, halved for every half-life of age; the rest
 * (price band, recent views, cart, purchases) follows docs/events.md.
 */
public final class ProfileBuilder {

  /** Most recent views kept. */
  public static final int MAX_RECENT_VIEWS = 20;
  /** Fewest prices a price band is drawn from. */
  public static final int MIN_PRICE_POINTS = 3;

  private final Duration halfLife;

  public ProfileBuilder(Duration halfLife) {
    this.halfLife = halfLife;
  }

  /** How much one event of this type says about taste; a rating below 3 counts against. */
  static double weight(BehaviourEvent event) {
    return switch (event.type()) {
      case VIEW, SEARCH -> 1;
      case CLICK -> 2;
      case ADD_TO_CART -> 4;
      case PURCHASE -> 8;
      case RATE -> event.rating() == null ? 0 : event.rating() - 3;
      case REMOVE_FROM_CART -> 0;
    };
  }

  /** The factor an event {@code age} old is weighed with: 1 now, ½ after one half-life. */
  double decay(Duration age) {
    double ages = Math.max(0, age.toMillis()) / (double) halfLife.toMillis();
    return Math.exp(-ages * Math.log(2));
  }

  /** The profile from {@code events} (newest first), the products they name, and the shopper's language. */
  public ShopperProfile build(String key, String locale, List<BehaviourEvent> events,
                              Map<String, ProductFacts> products, Instant now) {
    Map<String, Double> categories = new HashMap<>();
    Map<String, Double> brands = new HashMap<>();
    for (BehaviourEvent event : events) {
      double w = weight(event) * decay(Duration.between(event.at(), now));
      if (w == 0) {
        continue;
      }
      for (String sku : event.skus()) {
        ProductFacts product = products.get(sku);
        if (product != null) {
          categories.merge(product.category(), w, Double::sum);
          brands.merge(product.brand(), w, Double::sum);
        }
      }
      if (event.type() == EventType.SEARCH) {
        for (ChatSearches.Term term : ChatSearches.terms(event.query())) {
          (term.field().equals("category") ? categories : brands).merge(term.value(), w, Double::sum);
        }
      }
    }
    Instant updatedAt = events.isEmpty() ? null : events.get(0).at();
    return new ShopperProfile(key, locale, categories, brands, priceBand(events, products), recentViews(events),
      cart(events), purchased(events), updatedAt);
  }

  /** The 25th to 75th percentile (nearest rank) of the prices seen in views and paid in purchases. */
  static PriceBand priceBand(List<BehaviourEvent> events, Map<String, ProductFacts> products) {
    List<Long> prices = new ArrayList<>();
    for (BehaviourEvent event : events) {
      if (event.type() != EventType.VIEW && event.type() != EventType.PURCHASE) {
        continue;
      }
      // The event's own price is the product's price only when it names one product.
      if (event.priceCents() != null && event.skus().size() == 1) {
        prices.add(event.priceCents());
        continue;
      }
      for (String sku : event.skus()) {
        ProductFacts product = products.get(sku);
        if (product != null) {
          prices.add(product.priceCents());
        }
      }
    }
    if (prices.size() < MIN_PRICE_POINTS) {
      return null;
    }
    prices.sort(null);
    return new PriceBand(rank(prices, 0.25), rank(prices, 0.75));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static List<String> recentViews(List<BehaviourEvent> events) {
    Set<String> views = new LinkedHashSet<>();
    for (BehaviourEvent event : events) {
      if (event.type() == EventType.VIEW) {
        for (String sku : event.skus()) {
          if (views.size() < MAX_RECENT_VIEWS) {
            views.add(sku);
          }
        }
      }
    }
    return List.copyOf(views);
  }

  /** Added, minus removed, minus bought since: replayed oldest first; the newest addition comes first. */
  private static List<String> cart(List<BehaviourEvent> events) {
    LinkedHashSet<String> cart = new LinkedHashSet<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      BehaviourEvent event = events.get(i);
      switch (event.type()) {
        case ADD_TO_CART -> event.skus().forEach(sku -> {
          cart.remove(sku);
          cart.add(sku);
        });
        case REMOVE_FROM_CART, PURCHASE -> event.skus().forEach(cart::remove);
        default -> {
          // nothing to do with the cart
        }
      }
    }
    return new ArrayList<>(cart).reversed();
  }

  private static Set<String> purchased(List<BehaviourEvent> events) {
    Set<String> bought = new LinkedHashSet<>();
    events.stream().filter(e -> e.type() == EventType.PURCHASE).forEach(e -> bought.addAll(e.skus()));
    return bought;
  }
}
