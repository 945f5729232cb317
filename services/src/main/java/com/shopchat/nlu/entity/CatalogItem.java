package com.shopchat.nlu.entity;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** What entity lookup needs of one catalog product: its SKU, title, category and brand. */
public record CatalogItem(String sku, String title, String category, String brand) {

  public CatalogItem {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(title, "title");
    category = category == null ? "" : category;
    brand = brand == null ? "" : brand;
  }

  /** From a product as the catalog API and the demo files write it ({@code sku, title, category, brand, …}). */
  public static CatalogItem fromJson(JsonObject product) {
    return new CatalogItem(product.getString("sku"), product.getString("title"), product.getString("category"),
      product.getString("brand"));
  }
}
