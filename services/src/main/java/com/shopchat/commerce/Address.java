package com.shopchat.commerce;

import io.vertx.core.json.JsonObject;

/** A postal address as the shop stores it ({@code country} is an ISO 3166 alpha-2 code). */
public record Address(String name, String line1, String city, String postcode, String country) {

  public static Address fromJson(JsonObject o) {
    return o == null ? null : new Address(o.getString("name"), o.getString("line1"), o.getString("city"),
      o.getString("postcode"), o.getString("country"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("line1", line1).put("city", city).put("postcode", postcode)
      .put("country", country);
  }

  /** One line for a chat message: "Hauptstraße 12, 10115 Berlin, DE". */
  public String oneLine() {
    return line1 + ", " + postcode + " " + city + ", " + country;
  }
}
