package com.shopchat.experiment;

import com.shopchat.recommend.Strategy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's experiment JSON: reading and checking a new experiment's definition, and writing experiments
 * and their results. Every rule is checked before anything is stored, so a bad definition stores nothing.
 */
public final class ExperimentFields {

  static final int MAX_NAME = 100;
  static final int MAX_VARIANT_NAME = 40;
  static final int MAX_VARIANTS = 10;
  static final int MAX_WINDOW_HOURS = 720;
  static final int DEFAULT_WINDOW_HOURS = 72;

  private ExperimentFields() {
  }

  /** A definition that breaks a rule; the message says which, for the admin. */
  public static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** A checked definition of a new experiment. */
  public record Definition(String name, String metric, int windowHours, List<Variant> variants) {

    public Definition {
      variants = List.copyOf(variants);
    }
  }

  /** Reads and checks {@code {name, metric, windowHours?, variants: [{name, strategy, cardsEnabled?, weight}]}}. */
  public static Definition definition(JsonObject body) {
    String name = text(body.getValue("name"), "name", MAX_NAME);
    Object metric = body.getValue("metric");
    if (!"ctr".equals(metric) && !"conversion".equals(metric)) {
      throw new Invalid("metric must be ctr or conversion");
    }
    Object window = body.getValue("windowHours");
    int windowHours = window == null ? DEFAULT_WINDOW_HOURS : window instanceof Integer h ? h : -1;
    if (windowHours < 1 || windowHours > MAX_WINDOW_HOURS) {
      throw new Invalid("windowHours must be a whole number of hours from 1 to " + MAX_WINDOW_HOURS);
    }
    return new Definition(name, (String) metric, windowHours, variants(body.getValue("variants")));
  }

  private static List<Variant> variants(Object raw) {
    if (!(raw instanceof JsonArray array) || array.size() < 2 || array.size() > MAX_VARIANTS) {
      throw new Invalid("variants must be a list of 2 to " + MAX_VARIANTS + " variants");
    }
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int total = 0;
    for (int i = 0; i < array.size(); i++) {
      Variant variant = variant(array.getValue(i), i);
      if (!names.add(variant.name())) {
        throw new Invalid("variant names must be unique: " + variant.name() + " appears twice");
      }
      total += variant.weight();
      variants.add(variant);
    }
    if (total != 100) {
      throw new Invalid("variant weights are percents of traffic and must sum to 100, not " + total);
    }
    return variants;
  }

  private static Variant variant(Object raw, int index) {
    String where = "variants[" + index + "]";
    if (!(raw instanceof JsonObject v)) {
      throw new Invalid(where + " must be an object");
    }
    String name = text(v.getValue("name"), where + ".name", MAX_VARIANT_NAME);
    Object strategyName = v.getValue("strategy");
    Strategy strategy = (strategyName instanceof String s ? Strategy.fromWire(s) : Optional.<Strategy>empty())
      .orElseThrow(() -> new Invalid(where + ".strategy must be hybrid, popularity or content"));
    Object cards = v.getValue("cardsEnabled", true);
    if (!(cards instanceof Boolean enabled)) {
      throw new Invalid(where + ".cardsEnabled must be true or false");
    }
    if (!(v.getValue("weight") instanceof Integer weight) || weight < 1 || weight > 100) {
      throw new Invalid(where + ".weight must be a whole percent from 1 to 100");
    }
    return new Variant(name, strategy, enabled, weight);
  }

  private static String text(Object raw, String field, int max) {
    if (!(raw instanceof String s) || s.isBlank() || s.strip().length() > max) {
      throw new Invalid(field + " must be a non-empty string of at most " + max + " characters");
    }
    return s.strip();
  }

  /** An experiment as the API shows it. */
  public static JsonObject json(Experiment e) {
    JsonArray variants = new JsonArray();
    e.variants().forEach(v -> variants.add(json(v)));
    return new JsonObject().put("id", e.id()).put("name", e.name()).put("metric", e.metric())
      .put("status", e.status()).put("windowHours", e.windowHours()).put("createdAt", text(e.createdAt()))
      .put("startedAt", text(e.startedAt())).put("stoppedAt", text(e.stoppedAt())).put("winner", e.winner())
      .put("variants", variants);
  }

  static JsonObject json(Variant v) {
    return new JsonObject().put("name", v.name()).put("strategy", v.strategy().wire())
      .put("cardsEnabled", v.cardsEnabled()).put("weight", v.weight());
  }

  /** The results as the API shows them: per variant counts, rates, intervals, test against the control. */
  public static JsonObject json(ExperimentResults results) {
    JsonArray variants = new JsonArray();
    for (ExperimentResults.VariantResult r : results.variants()) {
      VariantCounts c = r.counts();
      variants.add(new JsonObject().put("name", r.variant().name()).put("control", r.control())
        .put("impressions", c.impressions()).put("clicks", c.clicked()).put("addToCarts", c.carted())
        .put("purchases", c.purchased()).put("revenueCents", c.revenueCents())
        .put("ctr", json(r.ctr())).put("conversion", json(r.conversion())));
    }
    return new JsonObject().put("metric", results.metric()).put("leader", results.leader())
      .put("alpha", ExperimentResults.ALPHA).put("variants", variants);
  }

  private static JsonObject json(ExperimentResults.Rate rate) {
    Stats.ZTest test = rate.vsControl();
    return new JsonObject().put("rate", rate.value()).put("low", rate.interval().low())
      .put("high", rate.interval().high()).put("z", test == null ? null : test.z())
      .put("p", test == null ? null : test.p()).put("significant", rate.significant());
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
