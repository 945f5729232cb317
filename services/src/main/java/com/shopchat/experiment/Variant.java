package com.shopchat.experiment;

import com.shopchat.recommend.Strategy;

/** One arm of an experiment: the recommender strategy it serves, whether cards show, and its percent of traffic. */
public record Variant(String name, Strategy strategy, boolean cardsEnabled, int weight) {
}
