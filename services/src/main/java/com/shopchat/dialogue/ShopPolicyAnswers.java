package com.shopchat.dialogue;

import com.shopchat.commerce.ShopPolicies;
import com.shopchat.commerce.ShopPolicies.ShippingOption;
import com.shopchat.nlu.entity.Entity;
import io.vertx.core.Future;
import java.util.List;

/**
 * Questions the shop's own data answers in one turn, with real figures: delivery times and options (for the
 * shopper's country when they name one), payment methods, the return policy and the cancellation fee.
 */
final class ShopPolicyAnswers implements Flow {

  static final String NAME = "shop_policy";
  static final List<String> INTENTS = List.of("delivery_period", "delivery_options", "check_payment_methods",
    "check_refund_policy", "check_cancellation_fee");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    return t.shop().policies().map(policies -> switch (t.intent()) {
      case "check_payment_methods" -> t.reply(NAME, t.say("policy.payment_methods", "methods",
        String.join(", ", policies.paymentMethods())), List.of());
      case "check_refund_policy" -> t.reply(NAME, t.say("policy.returns", "window", policies.returnWindowDays()),
        List.of(t.quick("button.start_return", DialogueManager.INTENT_PAYLOAD + "get_refund")));
      case "check_cancellation_fee" -> t.reply(NAME, t.say("policy.cancellation_fee", "fee",
        t.money(policies.cancellationFeeCents(), policies.currency())),
        List.of(t.quick("button.cancel_order", DialogueManager.INTENT_PAYLOAD + "cancel_order")));
      default -> t.reply(NAME, delivery(t, policies), List.of());
    });
  }

  private static String delivery(FlowTurn t, ShopPolicies policies) {
    String country = t.understanding().entity(Entity.COUNTRY);
    String code = country == null ? null : Countries.code(country);
    List<ShippingOption> options = policies.shipping();
    if (code != null) {
      // The options for that country when the shop has some, else those for "everywhere else".
      boolean specific = options.stream().anyMatch(o -> o.countries().contains(code));
      options = options.stream().filter(o -> specific ? o.countries().contains(code) : o.countries().isEmpty()).toList();
    }
    if (options.isEmpty()) {
      return t.say("policy.no_shipping", "country", country);
    }
    StringBuilder text = new StringBuilder(country == null ? t.say("policy.shipping_intro")
      : t.say("policy.shipping_intro_to", "country", country));
    for (ShippingOption o : options) {
      String price = o.priceCents() == 0 ? t.say("policy.free") : t.money(o.priceCents(), policies.currency());
      text.append('\n').append(t.say("policy.shipping_option", "name", o.name(), "min", o.minDays(), "max", o.maxDays(),
        "price", price));
      if (o.freeOverCents() > 0 && o.priceCents() > 0) {
        text.append(' ').append(t.say("policy.free_over", "amount", t.money(o.freeOverCents(), policies.currency())));
      }
    }
    return text.toString();
  }
}
