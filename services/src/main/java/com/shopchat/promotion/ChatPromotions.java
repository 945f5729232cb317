package com.shopchat.promotion;

import com.shopchat.dialogue.ProductRecommendations.Audience;
import com.shopchat.dialogue.PromotionOffers;
import com.shopchat.profile.ProfileService;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The dialogue's coupons: the active promotions, the shopper's profile (cart, purchases, views) and this
 * conversation's earlier offers decide whether one is offered now; an offer is recorded before it is shown.
 */
public final class ChatPromotions implements PromotionOffers {

  private final PromotionRepository promotions;
  private final ProfileService profiles;
  private final Function<List<String>, Future<Long>> cartCents;
  private final Clock clock;

  /** {@code cartCents}: the value of the skus in a cart (the shop's prices). */
  public ChatPromotions(PromotionRepository promotions, ProfileService profiles,
                        Function<List<String>, Future<Long>> cartCents, Clock clock) {
    this.promotions = promotions;
    this.profiles = profiles;
    this.cartCents = cartCents;
    this.clock = clock;
  }

  @Override
  public Future<Offer> offer(Audience who) {
    if (who.conversationId() == null || who.visitorId() == null) {
      return Future.succeededFuture();
    }
    return promotions.active().compose(active -> active.isEmpty() ? Future.succeededFuture()
      : promotions.complainedIn(who.conversationId()).compose(complained -> complained ? Future.succeededFuture()
        : Future.all(facts(who, needsCart(active)), promotions.offersIn(who.conversationId())).compose(all -> {
          ShopperFacts facts = all.resultAt(0);
          Map<String, Integer> offered = all.resultAt(1);
          Instant now = clock.instant();
          return PromotionRules.pick(active, facts, now, id -> offered.getOrDefault(id, 0))
            .map(p -> record(who, p)).orElse(Future.succeededFuture());
        })));
  }

  /** Whether a rule reads the cart's value: pricing a cart asks the shop backend once per item. */
  private static boolean needsCart(List<Promotion> active) {
    return active.stream().anyMatch(p -> p.rule().kind() != Promotion.Kind.FIRST_PURCHASE);
  }

  private Future<ShopperFacts> facts(Audience who, boolean priced) {
    return profiles.profile(who.visitorId(), who.shopperId())
      .compose(profile -> (priced ? cartCents.apply(profile.cart()) : Future.succeededFuture(0L))
      .compose(cents -> promotions.facts(who.visitorId(), who.shopperId(), cents))
      // Items carted and then all removed are not hesitation over a cart.
      .map(f -> profile.cart().isEmpty() && f.cartedSince() != null
        ? new ShopperFacts(f.purchases(), f.cartCents(), null, f.viewsWithoutCart()) : f));
  }

  private Future<Offer> record(Audience who, Promotion p) {
    String offerId = "offer-" + UUID.randomUUID();
    return promotions.recordOffer(offerId, p.id(), who.conversationId(), who.visitorId(), who.shopperId())
      .map(v -> new Offer(offerId, p.text(who.locale()), p.code()));
  }

  @Override
  public Future<String> click(Audience who, String offerId) {
    if (who.conversationId() == null) {
      return Future.succeededFuture();
    }
    return promotions.click(offerId, who.conversationId()).map(c -> c == null ? null : c.code());
  }
}
