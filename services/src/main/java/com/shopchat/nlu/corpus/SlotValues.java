package com.shopchat.nlu.corpus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What a {@code {slot}} in a template can become: values from the demo catalog (products, brands, colours,
 * sizes), values written in the locale's template file (cities, names, item nouns) and values made up on the
 * spot (order and invoice numbers, amounts), so that the model sees identifiers it cannot memorise.
 */
final class SlotValues {

  /** Slots that are generated rather than listed, so that every draw can be a new number. */
  private static final Set<String> GENERATED = Set.of("order", "invoice", "amount", "number");

  private static final int[] PRICES = {5, 9, 12, 15, 19, 20, 25, 29, 30, 35, 39, 45, 49, 50, 59, 60, 65, 79, 89,
    99, 100, 119, 129, 149, 150, 199, 249, 299};

  private final String locale;
  private final Map<String, List<String>> listed;

  private SlotValues(String locale, Map<String, List<String>> listed) {
    this.locale = locale;
    this.listed = listed;
  }

  /** Catalog slots first; a slot of the same name in the template file adds to them. */
  static SlotValues of(String locale, List<JsonObject> products, Map<String, List<String>> fromTemplates) {
    Map<String, List<String>> listed = new LinkedHashMap<>(catalog(products));
    fromTemplates.forEach((name, values) -> {
      Set<String> merged = new LinkedHashSet<>(listed.getOrDefault(name, List.of()));
      merged.addAll(values);
      listed.put(name, List.copyOf(merged));
    });
    return new SlotValues(locale, listed);
  }

  boolean has(String slot) {
    return GENERATED.contains(slot) || listed.containsKey(slot);
  }

  String fill(String slot, Random random) {
    return switch (slot) {
      case "order" -> orderNumber(random);
      case "invoice" -> invoiceNumber(random);
      case "amount" -> amount(random);
      case "number" -> Integer.toString(2 + random.nextInt(98));
      default -> {
        List<String> values = listed.get(slot);
        if (values == null) {
          throw new IllegalArgumentException("unknown slot {" + slot + "} in " + locale + " templates");
        }
        yield values.get(random.nextInt(values.size()));
      }
    };
  }

  // The demo orders are MT-100001…; shoppers also paste bare digits or add a '#'.
  private static String orderNumber(Random random) {
    String number = String.format("%02d", 1 + random.nextInt(60));
    return switch (random.nextInt(8)) {
      case 0 -> "#MT-1000" + number;
      case 1 -> "mt-1000" + number;
      case 2 -> "1000" + number;
      case 3 -> Integer.toString(10_000_000 + random.nextInt(89_999_999));
      case 4 -> "MT1000" + number;
      default -> "MT-1000" + number;
    };
  }

  private static String invoiceNumber(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "#" + (10_000 + random.nextInt(89_999));
      case 1 -> "INV-2026-" + String.format("%04d", random.nextInt(10_000));
      default -> "INV-" + (1000 + random.nextInt(9000));
    };
  }

  private String amount(Random random) {
    int euros = PRICES[random.nextInt(PRICES.length)];
    boolean cents = random.nextInt(4) == 0;
    String value = cents ? euros + "." + (random.nextBoolean() ? "99" : "50") : Integer.toString(euros);
    if (locale.equals("zh")) {
      return switch (random.nextInt(4)) {
        case 0 -> "€" + value;
        case 1 -> value + "欧元";
        case 2 -> value + "欧";
        default -> value + "块";
      };
    }
    return switch (random.nextInt(5)) {
      case 0, 1 -> "€" + value;
      case 2 -> value + " euros";
      case 3 -> value + " eur";
      default -> value + "€";
    };
  }

  // {product} is any title; {apparel}, {footwear}, {home}, {electronics}, {outdoor} and {wearable} narrow it so that
  // a template asking about sizes or battery life only meets products that have them.
  private static Map<String, List<String>> catalog(List<JsonObject> products) {
    Map<String, Set<String>> slots = new LinkedHashMap<>();
    for (String slot : List.of("product", "wearable", "apparel", "footwear", "home", "electronics", "outdoor", "brand",
        "catalog_colour", "shoe_size", "clothing_size")) {
      slots.put(slot, new LinkedHashSet<>());
    }
    for (JsonObject product : products) {
      String category = product.getString("category");
      for (String title : titles(product)) {
        slots.get("product").add(title);
        slots.get(category).add(title);
        if (category.equals("apparel") || category.equals("footwear")) {
          slots.get("wearable").add(title);
        }
      }
      slots.get("brand").add(product.getString("brand"));
      JsonObject attributes = product.getJsonObject("attributes", new JsonObject());
      String colour = attributes.getString("color");
      if (colour != null) {
        slots.get("catalog_colour").addAll(List.of(colour.split("/")));
      }
      for (Object size : attributes.getJsonArray("sizes", new JsonArray())) {
        String value = size.toString();
        if (category.equals("footwear") && value.matches("\\d\\d")) {
          slots.get("shoe_size").add(value);
        } else if (value.matches("X?S|M|X?L")) {
          slots.get("clothing_size").add(value);
        }
      }
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    slots.forEach((slot, values) -> lists.put(slot, new ArrayList<>(values)));
    return lists;
  }

  // Shoppers name a product with or without its brand: "Northpeak Trail Hiking Boot" or "Trail Hiking Boot".
  private static List<String> titles(JsonObject product) {
    String title = product.getString("title");
    String brand = product.getString("brand");
    return title.startsWith(brand + " ") ? List.of(title, title.substring(brand.length() + 1)) : List.of(title);
  }
}
