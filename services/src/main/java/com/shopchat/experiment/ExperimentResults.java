package com.shopchat.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An experiment's live results: per variant the funnel counts, CTR and conversion with Wilson 95 % intervals
 * and a two-proportion z-test against the control (the first variant), and which variant leads on the
 * experiment's metric (the highest rate; null while no variant has impressions).
 */
public record ExperimentResults(String metric, List<VariantResult> variants, String leader) {

  /** Differences with p below this are marked significant. */
  public static final double ALPHA = 0.05;

  public ExperimentResults {
    variants = List.copyOf(variants);
  }

  /** A rate with its interval and, for a variant other than the control, its test against the control. */
  public record Rate(long successes, long trials, double value, Stats.Interval interval, Stats.ZTest vsControl) {

    static Rate of(long successes, long trials, long controlSuccesses, long controlTrials, boolean control) {
      return new Rate(successes, trials, trials == 0 ? 0 : (double) successes / trials,
        Stats.wilson(successes, trials),
        control ? null : Stats.twoProportion(controlSuccesses, controlTrials, successes, trials));
    }

    /** Whether the difference from the control is significant at {@link #ALPHA}. */
    public boolean significant() {
      return vsControl != null && vsControl.p() < ALPHA;
    }
  }

  /** One variant's counts and rates. */
  public record VariantResult(Variant variant, boolean control, VariantCounts counts, Rate ctr, Rate conversion) {

    /** The rate the experiment is judged on. */
    public Rate rate(String metric) {
      return "ctr".equals(metric) ? ctr : conversion;
    }
  }

  /** Results from the attributed counts by variant name (a variant without a row has none yet). */
  public static ExperimentResults of(Experiment experiment, Map<String, VariantCounts> byVariant) {
    List<Variant> variants = experiment.variants();
    VariantCounts control = byVariant.getOrDefault(variants.get(0).name(), VariantCounts.none(variants.get(0).name()));
    List<VariantResult> results = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      VariantCounts counts = byVariant.getOrDefault(variant.name(), VariantCounts.none(variant.name()));
      boolean isControl = i == 0;
      results.add(new VariantResult(variant, isControl, counts,
        Rate.of(counts.clicked(), counts.impressions(), control.clicked(), control.impressions(), isControl),
        Rate.of(counts.purchased(), counts.impressions(), control.purchased(), control.impressions(), isControl)));
    }
    return new ExperimentResults(experiment.metric(), results, leader(experiment.metric(), results));
  }

  private static String leader(String metric, List<VariantResult> results) {
    VariantResult best = null;
    for (VariantResult result : results) {
      if (result.counts().impressions() > 0
        && (best == null || result.rate(metric).value() > best.rate(metric).value())) {
        best = result;
      }
    }
    return best == null ? null : best.variant().name();
  }
}
