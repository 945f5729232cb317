package com.shopchat.dialogue;

import com.shopchat.dialogue.ProductRecommendations.Audience;
import io.vertx.core.Future;

/**
 * Coupons the bot may offer unasked: the implementation matches the shop's active promotions against the shopper's
 * profile and cart, keeps each within its per-conversation maximum, never offers after a complaint in the
 * conversation, and records the offer; {@link #NONE} offers nothing.
 */
public interface PromotionOffers {

  PromotionOffers NONE = new PromotionOffers() {
    @Override
    public Future<Offer> offer(Audience who) {
      return Future.succeededFuture();
    }

    @Override
    public Future<String> click(Audience who, String offerId) {
      return Future.succeededFuture();
    }
  };

  /** A recorded offer for {@code who}, or null when no promotion fits now. */
  Future<Offer> offer(Audience who);

  /** Records a tap on an offer of this conversation: the coupon's code, or null when there is no such offer. */
  Future<String> click(Audience who, String offerId);

  /** One offer: its id (the button's payload carries it), the text in the shopper's language, the code. */
  record Offer(String offerId, String text, String code) {}
}
