package com.shopchat.dialogue;

import com.shopchat.commerce.Product;
import com.shopchat.recommend.Recommendation;
import com.shopchat.recommend.RecommendationContext;
import io.vertx.core.Future;
import java.util.List;

/**
 * Personal product suggestions as the dialogue asks for them: for this conversation's shopper, under what the
 * shopper asked for, at most {@code limit}, each with why. The implementation picks the strategy (the shopper's
 * experiment variant), checks stock and records the impression; {@link #NONE} suggests nothing.
 */
public interface ProductRecommendations {

  ProductRecommendations NONE = new ProductRecommendations() {
    @Override
    public Future<Picks> pick(Audience who, RecommendationContext context, int limit, boolean asked) {
      return Future.succeededFuture(Picks.NONE);
    }
  };

  /**
   * Products for {@code who}; {@code asked} is false for suggestions the bot makes unasked (after an order
   * question), which an experiment variant may switch off. Never fails: with the recommender down it is empty.
   */
  Future<Picks> pick(Audience who, RecommendationContext context, int limit, boolean asked);

  /** Whose conversation: {@code shopperId} null while anonymous. */
  record Audience(String conversationId, String visitorId, String shopperId, String locale) {}

  /** One suggested product, why, and the product the reason names (null when it names none). */
  record Pick(Product product, Recommendation.Reason reason, Product anchor) {}

  /** The suggestions shown together, under one impression id that card clicks report back. */
  record Picks(List<Pick> picks, String impressionId) {
    public static final Picks NONE = new Picks(List.of(), null);

    public Picks {
      picks = List.copyOf(picks);
    }
  }
}
