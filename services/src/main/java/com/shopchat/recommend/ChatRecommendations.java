package com.shopchat.recommend;

import com.shopchat.commerce.CommerceJson;
import com.shopchat.commerce.Product;
import com.shopchat.commerce.ShopBackend;
import com.shopchat.dialogue.ProductRecommendations;
import com.shopchat.events.EventStore;
import com.shopchat.experiment.Assignment;
import com.shopchat.experiment.ExperimentService;
import com.shopchat.profile.ProfileService;
import com.shopchat.store.CatalogRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommendations as the chat shows them: the shopper's profile, the experiment variant they are in (its strategy,
 * or no cards at all), the recommender's ranking, a live stock check with the shop, and the impression recorded
 * under the variant so clicks and purchases can be attributed. Any failure means no suggestions, never a failed
 * turn.
 */
public final class ChatRecommendations implements ProductRecommendations {

  private static final Logger LOG = LoggerFactory.getLogger(ChatRecommendations.class);
  /** Ranked beyond what is shown, so products sold out since training can be skipped. */
  private static final int SPARE = 3;

  private final RecommenderService recommender;
  private final ProfileService profiles;
  private final ExperimentService experiments;
  private final ShopBackend shop;
  private final Clock clock;

  public ChatRecommendations(RecommenderService recommender, ProfileService profiles, ExperimentService experiments,
                             ShopBackend shop, Clock clock) {
    this.recommender = recommender;
    this.profiles = profiles;
    this.experiments = experiments;
    this.shop = shop;
    this.clock = clock;
  }

  /**
   * What training reads: the catalog and the behaviour events of the last {@code history}, at most
   * {@code maxEvents}, newest kept.
   */
  public static Future<TrainingInput> trainingInput(CatalogRepository catalog, EventStore events, Duration history,
                                                    int maxEvents, Clock clock) {
    return catalog.products().compose(products -> events.allSince(clock.instant().minus(history), maxEvents)
      .map(list -> new TrainingInput(products.stream().map(p -> CommerceJson.toProduct((JsonObject) p)).toList(),
        list)));
  }

  @Override
  public Future<Picks> pick(Audience who, RecommendationContext context, int limit, boolean asked) {
    if (who.visitorId() == null) {
      return Future.succeededFuture(Picks.NONE);
    }
    return experiments.assign(who.visitorId()).compose(assignment -> !assignment.cardsEnabled()
        ? Future.succeededFuture(Picks.NONE)
        : profiles.profile(who.visitorId(), who.shopperId())
          .compose(profile -> recommender.recommend(profile, context, assignment.strategy(), limit + SPARE))
          .compose(ranked -> inStock(ranked, limit))
          .compose(picks -> picks.isEmpty() ? Future.succeededFuture(Picks.NONE) : shown(who, assignment, picks)))
      .recover(failure -> {
        LOG.warn("no suggestions for conversation {}: {}", who.conversationId(), failure.toString());
        return Future.succeededFuture(Picks.NONE);
      });
  }

  /** The first {@code limit} products the shop still has, with the products their reasons name. */
  private Future<List<Pick>> inStock(List<Recommendation> ranked, int limit) {
    List<Future<Pick>> lookups = ranked.stream().map(r -> shop.product(r.sku()).compose(p -> {
      if (p == null || !p.inStock()) {
        return Future.<Pick>succeededFuture(null);
      }
      Future<Product> anchor = r.anchorSku() == null ? Future.succeededFuture() : shop.product(r.anchorSku());
      return anchor.map(a -> new Pick(p, r.reason(), a));
    })).toList();
    return Future.all(lookups).map(all -> {
      List<Pick> picks = new ArrayList<>();
      for (int i = 0; i < all.size() && picks.size() < limit; i++) {
        Pick pick = all.resultAt(i);
        if (pick != null) {
          picks.add(pick);
        }
      }
      return picks;
    });
  }

  private Future<Picks> shown(Audience who, Assignment assignment, List<Pick> picks) {
    Impression impression = new Impression("imp-" + UUID.randomUUID(), who.conversationId(), who.visitorId(),
      who.shopperId(), assignment.experimentId(), assignment.variant(), assignment.strategy(),
      picks.stream().map(p -> p.product().sku()).toList(), clock.instant());
    return experiments.recordImpression(impression).map(v -> new Picks(picks, impression.impressionId()));
  }
}
