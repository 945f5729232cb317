package com.shopchat.dialogue;

import com.shopchat.commerce.Order;
import com.shopchat.commerce.Refund;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.util.List;

/** "Where is my refund?": finds the order, then tells where its refund stands, from the shop backend. */
final class RefundStatusFlow implements Flow {

  static final String NAME = "refund_status";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean answers(FlowTurn t) {
    return OrderAccess.answers(t);
  }

  @Override
  public String prompt(FlowTurn t) {
    return OrderAccess.prompt(t);
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    return OrderAccess.withOrder(t, NAME, order -> status(t, order, NAME));
  }

  /** The refund of {@code order} in words; ends the flow. */
  static Future<BotReply> status(FlowTurn t, Order order, String flow) {
    return t.shop().refund(order.number()).map(refund -> {
      t.ended();
      if (refund == null) {
        List<BotReply.QuickReply> next = order.status().equals(Order.DELIVERED)
          ? List.of(t.quick("button.start_return", DialogueManager.INTENT_PAYLOAD + "get_refund")) : List.of();
        return t.reply(flow, t.say("refund.none", "order", order.number()), next);
      }
      return t.reply(flow, describe(t, refund), refund.status().equals("rejected") ? List.of(t.human()) : List.of());
    });
  }

  private static String describe(FlowTurn t, Refund refund) {
    String amount = t.money(refund.amountCents(), refund.currency());
    String method = refund.method() == null ? t.say("refund.original_method") : refund.method();
    String requested = refund.requestedAt() == null ? "-"
      : t.date(refund.requestedAt().atZone(ZoneOffset.UTC).toLocalDate());
    String refunded = refund.refundedAt() == null ? "-"
      : t.date(refund.refundedAt().atZone(ZoneOffset.UTC).toLocalDate());
    String key = switch (refund.status()) {
      case "requested", "approved", "refunded", "rejected" -> "refund." + refund.status();
      default -> "refund.other";
    };
    return t.say(key, "order", refund.orderNumber(), "amount", amount, "method", method, "requested", requested,
      "refunded", refunded, "status", refund.status());
  }
}
