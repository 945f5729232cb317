package com.shopchat.dialogue;

import com.shopchat.commerce.Order;
import com.shopchat.dialogue.BotReply.QuickReply;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * "Where is my order?": finds the order (asking for its number, and an anonymous shopper for the email on
 * it), then tells its status, carrier, tracking link and expected date, with the next steps that status
 * allows as quick replies.
 */
final class OrderStatusFlow implements Flow {

  static final String NAME = "order_status";

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
    return OrderAccess.withOrder(t, NAME, order -> Future.succeededFuture(status(t, order)));
  }

  private static BotReply status(FlowTurn t, Order order) {
    t.ended();
    String text = describe(t, order);
    List<QuickReply> next = new ArrayList<>();
    if (order.beforeShipping()) {
      next.add(t.quick("button.cancel_order", DialogueManager.INTENT_PAYLOAD + "cancel_order"));
      next.add(t.quick("button.change_address", DialogueManager.INTENT_PAYLOAD + "change_shipping_address"));
    } else if (order.status().equals(Order.DELIVERED)) {
      next.add(t.quick("button.start_return", DialogueManager.INTENT_PAYLOAD + "get_refund"));
    } else if (order.status().equals(Order.RETURN_REQUESTED) || order.status().equals(Order.REFUNDED)) {
      next.add(t.quick("button.refund_status", DialogueManager.INTENT_PAYLOAD + "track_refund"));
    }
    next.add(t.human());
    return t.reply(NAME, text, next);
  }

  /** The status of an order in one or two sentences: what is happening, and when it arrives. */
  static String describe(FlowTurn t, Order order) {
    String number = order.number();
    String expected = order.expectedDelivery() == null ? ""
      : t.gap() + t.say("order.expected", "date", t.date(order.expectedDelivery()));
    return switch (order.status()) {
      case Order.SHIPPED -> t.say("order.shipped", "order", number, "carrier", nullToDash(order.carrier()),
        "tracking", nullToDash(order.trackingNumber())) + expected
        + (order.trackingUrl() == null ? "" : t.gap() + t.say("order.track_here", "url", order.trackingUrl()));
      case Order.DELIVERED -> t.say("order.delivered", "order", number, "date",
        order.deliveredAt() == null ? "-" : t.date(order.deliveredAt().atZone(ZoneOffset.UTC).toLocalDate()));
      case Order.CANCELLED, Order.RETURN_REQUESTED, Order.REFUNDED -> t.say("order." + order.status(), "order", number);
      default -> t.say("order." + order.status(), "order", number) + expected;
    };
  }

  private static String nullToDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
