package com.shopchat.commerce;

import com.shopchat.commerce.Order.OrderLine;
import com.shopchat.commerce.ShopPolicies.ShippingOption;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The shop API's JSON for every commerce record, in one place: the demo backend writes it, {@link HttpShopBackend}
 * reads it (docs/shop-api.md). Field names are the records' own; instants are ISO-8601 UTC strings, dates
 * {@code YYYY-MM-DD}, money whole cents. Reading fails with {@link IllegalArgumentException} on a missing or
 * mistyped required field, so a malformed answer is never taken for an order.
 */
public final class CommerceJson {

  private CommerceJson() {
  }

  public static JsonObject toJson(Order o) {
    JsonArray lines = new JsonArray();
    o.lines().forEach(l -> lines.add(new JsonObject().put("line", l.line()).put("sku", l.sku()).put("title", l.title())
      .put("quantity", l.quantity()).put("unitPriceCents", l.unitPriceCents()).put("returnable", l.returnable())));
    return new JsonObject()
      .put("number", o.number())
      .put("shopperId", o.shopperId())
      .put("email", o.email())
      .put("status", o.status())
      .put("placedAt", text(o.placedAt()))
      .put("carrier", o.carrier())
      .put("trackingNumber", o.trackingNumber())
      .put("trackingUrl", o.trackingUrl())
      .put("expectedDelivery", text(o.expectedDelivery()))
      .put("deliveredAt", text(o.deliveredAt()))
      .put("shippingAddress", o.shippingAddress() == null ? null : o.shippingAddress().toJson())
      .put("lines", lines)
      .put("totalCents", o.totalCents())
      .put("currency", o.currency());
  }

  public static Order toOrder(JsonObject o) {
    return new Order(required(o, "number"), o.getString("shopperId"), o.getString("email"), required(o, "status"),
      instant(o, "placedAt"), o.getString("carrier"), o.getString("trackingNumber"), o.getString("trackingUrl"),
      date(o, "expectedDelivery"), instant(o, "deliveredAt"), Address.fromJson(o.getJsonObject("shippingAddress")),
      list(o.getJsonArray("lines"), CommerceJson::toLine), o.getLong("totalCents", 0L), o.getString("currency"));
  }

  private static OrderLine toLine(JsonObject l) {
    return new OrderLine(l.getInteger("line", 0), required(l, "sku"), l.getString("title"),
      l.getInteger("quantity", 1), l.getLong("unitPriceCents", 0L), l.getBoolean("returnable", true));
  }

  public static JsonObject toJson(ActionResult r) {
    return new JsonObject().put("done", r.done()).put("code", r.code())
      .put("order", r.order() == null ? null : toJson(r.order()));
  }

  public static ActionResult toActionResult(JsonObject r) {
    JsonObject order = r.getJsonObject("order");
    return new ActionResult(r.getBoolean("done", false), required(r, "code"), order == null ? null : toOrder(order));
  }

  public static JsonObject toJson(Refund r) {
    return new JsonObject().put("orderNumber", r.orderNumber()).put("status", r.status())
      .put("amountCents", r.amountCents()).put("currency", r.currency()).put("requestedAt", text(r.requestedAt()))
      .put("refundedAt", text(r.refundedAt())).put("method", r.method());
  }

  public static Refund toRefund(JsonObject r) {
    return new Refund(required(r, "orderNumber"), required(r, "status"), r.getLong("amountCents", 0L),
      r.getString("currency"), instant(r, "requestedAt"), instant(r, "refundedAt"), r.getString("method"));
  }

  public static JsonObject toJson(Product p) {
    return new JsonObject().put("sku", p.sku()).put("title", p.title()).put("description", p.description())
      .put("category", p.category()).put("brand", p.brand()).put("priceCents", p.priceCents())
      .put("currency", p.currency()).put("stock", p.stock()).put("image", p.image())
      .put("attributes", p.attributes() == null ? new JsonObject() : p.attributes().copy());
  }

  public static Product toProduct(JsonObject p) {
    return new Product(required(p, "sku"), required(p, "title"), p.getString("description", ""),
      p.getString("category"), p.getString("brand"), p.getLong("priceCents", 0L), p.getString("currency"),
      p.getInteger("stock", 0), p.getString("image"), p.getJsonObject("attributes", new JsonObject()).copy());
  }

  public static JsonObject toJson(ShopPolicies p) {
    JsonArray shipping = new JsonArray();
    p.shipping().forEach(s -> shipping.add(new JsonObject().put("id", s.id()).put("name", s.name())
      .put("countries", new JsonArray(s.countries())).put("minDays", s.minDays()).put("maxDays", s.maxDays())
      .put("priceCents", s.priceCents()).put("freeOverCents", s.freeOverCents())));
    return new JsonObject().put("shipping", shipping).put("paymentMethods", new JsonArray(p.paymentMethods()))
      .put("returnWindowDays", p.returnWindowDays()).put("cancellationFeeCents", p.cancellationFeeCents())
      .put("currency", p.currency());
  }

  public static ShopPolicies toPolicies(JsonObject p) {
    return new ShopPolicies(list(p.getJsonArray("shipping"), CommerceJson::toShippingOption),
      strings(p.getJsonArray("paymentMethods")), number(p, "returnWindowDays").intValue(),
      p.getLong("cancellationFeeCents", 0L), p.getString("currency"));
  }

  private static ShippingOption toShippingOption(JsonObject s) {
    return new ShippingOption(required(s, "id"), required(s, "name"), strings(s.getJsonArray("countries")),
      number(s, "minDays").intValue(), number(s, "maxDays").intValue(), s.getLong("priceCents", 0L),
      s.getLong("freeOverCents", 0L));
  }

  /** Each element of a JSON array of objects, read with {@code read}; null reads as empty. */
  public static <T> List<T> list(JsonArray array, Function<JsonObject, T> read) {
    if (array == null) {
      return List.of();
    }
    return array.stream().map(item -> {
      if (!(item instanceof JsonObject object)) {
        throw new IllegalArgumentException("expected a JSON object in the list, got " + item);
      }
      return read.apply(object);
    }).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  private static String required(JsonObject o, String field) {
    String value = o.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return value;
  }

  private static Number number(JsonObject o, String field) {
    Number value = o.getNumber(field);
    if (value == null) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return value;
  }

  private static Instant instant(JsonObject o, String field) {
    String value = o.getString(field);
    return value == null ? null : Instant.parse(value);
  }

  private static LocalDate date(JsonObject o, String field) {
    String value = o.getString(field);
    return value == null ? null : LocalDate.parse(value);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
