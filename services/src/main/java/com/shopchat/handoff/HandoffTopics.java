package com.shopchat.handoff;

import java.util.List;
import java.util.Map;

/**
 * The topic a handoff is about, for routing to agents who know it: from the flow the bot was in, else the intent
 * it last understood. {@code null} when neither says.
 */
public final class HandoffTopics {

  public static final String ORDERS = "orders";
  public static final String RETURNS = "returns";
  public static final String PAYMENT = "payment";
  public static final String DELIVERY = "delivery";
  public static final String PRODUCTS = "products";
  public static final String ACCOUNT = "account";

  /** Every topic, in the order consoles list them. */
  public static final List<String> ALL = List.of(ORDERS, RETURNS, PAYMENT, DELIVERY, PRODUCTS, ACCOUNT);

  private static final Map<String, String> TOPICS = Map.ofEntries(
    Map.entry("order_status", ORDERS), Map.entry("cancel_order", ORDERS), Map.entry("change_address", DELIVERY),
    Map.entry("return", RETURNS), Map.entry("refund_status", RETURNS), Map.entry("product", PRODUCTS),
    Map.entry("track_order", ORDERS), Map.entry("change_order", ORDERS), Map.entry("place_order", ORDERS),
    Map.entry("get_refund", RETURNS), Map.entry("track_refund", RETURNS), Map.entry("check_refund_policy", RETURNS),
    Map.entry("check_cancellation_fee", ORDERS), Map.entry("payment_issue", PAYMENT),
    Map.entry("check_payment_methods", PAYMENT), Map.entry("check_invoice", PAYMENT),
    Map.entry("get_invoice", PAYMENT), Map.entry("delivery_period", DELIVERY),
    Map.entry("delivery_options", DELIVERY), Map.entry("change_shipping_address", DELIVERY),
    Map.entry("set_up_shipping_address", DELIVERY), Map.entry("product_search", PRODUCTS),
    Map.entry("product_question", PRODUCTS), Map.entry("recommendation_request", PRODUCTS),
    Map.entry("create_account", ACCOUNT), Map.entry("delete_account", ACCOUNT), Map.entry("edit_account", ACCOUNT),
    Map.entry("switch_account", ACCOUNT), Map.entry("recover_password", ACCOUNT),
    Map.entry("registration_problems", ACCOUNT));

  private HandoffTopics() {}

  public static String of(String flow, String intent) {
    String byFlow = flow == null ? null : TOPICS.get(flow);
    return byFlow != null ? byFlow : intent == null ? null : TOPICS.get(intent);
  }
}
