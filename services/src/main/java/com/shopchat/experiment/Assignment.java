package com.shopchat.experiment;

import com.shopchat.recommend.Strategy;

/**
 * How to recommend to one visitor now: the running experiment's variant for them, or the rolled-out default
 * ({@code experimentId} and {@code variant} null). Whoever shows the cards copies these into the
 * {@link com.shopchat.recommend.Impression}.
 */
public record Assignment(String experimentId, String variant, Strategy strategy, boolean cardsEnabled) {

  /** The default outside any experiment. */
  public static Assignment rolledOut(Strategy strategy, boolean cardsEnabled) {
    return new Assignment(null, null, strategy, cardsEnabled);
  }

  /** Whether this visitor is in an experiment. */
  public boolean inExperiment() {
    return experimentId != null;
  }
}
