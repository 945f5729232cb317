package com.shopchat.recommend;

import com.shopchat.commerce.Product;
import java.util.List;

/** What one training run reads: the catalog and the behaviour events (any iterable, e.g. a streamed query). */
public record TrainingInput(List<Product> products, Iterable<BehaviourEvent> events) {

  public TrainingInput {
    products = List.copyOf(products);
    java.util.Objects.requireNonNull(events, "events");
  }
}
