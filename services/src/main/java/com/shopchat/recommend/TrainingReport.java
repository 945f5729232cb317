package com.shopchat.recommend;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What one training run saw and how long each part took: products, events read, events used (the rest named an
 * unknown sku or carried no weight), distinct users, user × item cells, purchase cells, and seconds per component.
 */
public record TrainingReport(int products, long events, long usedEvents, int users, int interactions,
    int purchaseInteractions, double indexSeconds, double matrixSeconds, double viewedTogetherSeconds,
    double boughtTogetherSeconds, double alsSeconds, double totalSeconds, Instant trainedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("products", products).put("events", events).put("usedEvents", usedEvents)
        .put("users", users).put("interactions", interactions).put("purchaseInteractions", purchaseInteractions)
        .put("seconds", new JsonObject().put("index", indexSeconds).put("matrix", matrixSeconds)
            .put("viewedTogether", viewedTogetherSeconds).put("boughtTogether", boughtTogetherSeconds)
            .put("als", alsSeconds).put("total", totalSeconds))
        .put("trainedAt", trainedAt.toString());
  }
}
