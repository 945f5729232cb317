package com.shopchat.commerce;

import io.vertx.core.json.JsonObject;

/** A catalog product; {@code attributes} holds color, sizes, material and the like as the catalog has them. */
public record Product(String sku, String title, String description, String category, String brand,
                      long priceCents, String currency, int stock, String image, JsonObject attributes) {

  public boolean inStock() {
    return stock > 0;
  }
}
