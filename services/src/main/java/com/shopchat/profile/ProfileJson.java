package com.shopchat.profile;

import com.shopchat.recommend.ShopperProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A profile as the admin API (and later the agent console) shows it: affinities strongest first. */
public final class ProfileJson {

  private ProfileJson() {
  }

  public static JsonObject toJson(ShopperProfile profile) {
    return new JsonObject()
      .put("key", profile.key())
      .put("locale", profile.locale())
      .put("categoryAffinity", affinities(profile.categoryAffinity()))
      .put("brandAffinity", affinities(profile.brandAffinity()))
      .put("priceBand", profile.priceBand() == null ? null : new JsonObject()
        .put("lowCents", profile.priceBand().lowCents()).put("highCents", profile.priceBand().highCents()))
      .put("recentViews", new JsonArray(profile.recentViews()))
      .put("cart", new JsonArray(profile.cart()))
      .put("purchased", new JsonArray(profile.purchased().stream().sorted().toList()))
      .put("updatedAt", profile.updatedAt() == null ? null : profile.updatedAt().toString());
  }

  private static JsonObject affinities(Map<String, Double> affinity) {
    JsonObject json = new JsonObject(new LinkedHashMap<>());
    affinity.entrySet().stream()
      .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
      .forEach(e -> json.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
    return json;
  }
}
