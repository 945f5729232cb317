package com.shopchat.dialogue;

import com.shopchat.dialogue.BotReply.ProductCard;
import com.shopchat.dialogue.ProductRecommendations.Pick;
import com.shopchat.dialogue.ProductRecommendations.Picks;
import com.shopchat.recommend.Recommendation.Reason;
import com.shopchat.recommend.RecommendationContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;

/** Personal suggestions as product cards, each saying why in the shopper's language ("Because you viewed …"). */
final class Suggestions {

  private Suggestions() {
  }

  /** Up to {@link ProductFlow#MAX_CARDS} suggestions under {@code context}; empty when there are none. */
  static Future<List<ProductCard>> cards(FlowTurn t, RecommendationContext context, boolean asked) {
    return t.recommendations().pick(t.audience(), context, ProductFlow.MAX_CARDS, asked)
      .otherwise(Picks.NONE)
      .map(picks -> picks.picks().stream().map(p -> ProductFlow.card(t, p.product(), reason(t, p), picks.impressionId()))
        .toList());
  }

  /** Why this product: the template of its reason, naming the product it refers to when there is one. */
  static String reason(FlowTurn t, Pick pick) {
    Reason reason = pick.reason();
    String key = "recommend.reason." + reason.name().toLowerCase(Locale.ROOT);
    boolean anchored = pick.anchor() != null && (reason == Reason.VIEWED_TOGETHER || reason == Reason.BOUGHT_TOGETHER
      || reason == Reason.SIMILAR);
    return anchored ? t.say(key, "product", pick.anchor().title()) : t.say(key + ".plain");
  }
}
