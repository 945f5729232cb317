package com.shopchat.dialogue;

import com.shopchat.commerce.ActionResult;
import com.shopchat.commerce.Order;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * "Cancel my order": finds the order, checks its state allows it (a shipped order cannot be cancelled — the
 * shopper is offered a return instead), asks for a yes before acting, cancels it through the shop backend and
 * reports what happened, including the fee once the order is being packed.
 */
final class CancelOrderFlow implements Flow {

  static final String NAME = "cancel_order";
  private static final String REASON = "cancelled by the shopper in chat";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean answers(FlowTurn t) {
    return t.state().confirming() ? t.answer() != FlowTurn.Answer.NONE : OrderAccess.answers(t);
  }

  @Override
  public String prompt(FlowTurn t) {
    return t.state().confirming() ? t.say("cancel.confirm_again", "order", t.state().slot(OrderAccess.ORDER_NUMBER))
      : OrderAccess.prompt(t);
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    if (t.resumed() && t.state().confirming()) {
      return confirmed(t);
    }
    return OrderAccess.resolve(t, NAME).compose(access -> access.reply() != null ? Future.succeededFuture(access.reply())
      : offer(t, access.order()));
  }

  private static Future<BotReply> offer(FlowTurn t, Order order) {
    if (!order.beforeShipping()) {
      t.ended();
      return Future.succeededFuture(cannot(t, order));
    }
    return t.shop().policies().map(policies -> {
      String fee = order.status().equals(Order.PROCESSING) && policies.cancellationFeeCents() > 0
        ? " " + t.say("cancel.fee", "fee", t.money(policies.cancellationFeeCents(), policies.currency())) : "";
      t.awaiting(NAME, FlowTurn.CONFIRM, Map.of(OrderAccess.ORDER_NUMBER, order.number()));
      return t.reply(NAME, t.say("cancel.confirm", "order", order.number(), "items", Orders.summary(t, order)) + fee,
        t.yesNo());
    });
  }

  private static Future<BotReply> confirmed(FlowTurn t) {
    String number = t.state().slot(OrderAccess.ORDER_NUMBER);
    if (t.answer() == FlowTurn.Answer.NO) {
      t.ended();
      return Future.succeededFuture(t.reply(NAME, t.say("cancel.kept", "order", number), List.of()));
    }
    return t.shop().cancel(number, REASON).map(result -> {
      t.ended();
      if (result.done()) {
        return t.reply(NAME, done(t, result), List.of());
      }
      if (result.order() != null && !result.order().beforeShipping()) {
        return cannot(t, result.order());
      }
      return t.reply(NAME, t.say("cancel.failed", "order", number), List.of(t.human()));
    });
  }

  private static String done(FlowTurn t, ActionResult result) {
    Order order = result.order();
    String text = t.say("cancel.done", "order", order.number());
    if (order.totalCents() > 0) {
      text += " " + t.say("cancel.refund", "amount", t.money(order.totalCents(), order.currency()));
    }
    return text;
  }

  /** Why an order in this state cannot be cancelled, and what the shopper can do instead. */
  private static BotReply cannot(FlowTurn t, Order order) {
    return switch (order.status()) {
      case Order.CANCELLED -> t.reply(NAME, t.say("cancel.already", "order", order.number()), List.of());
      case Order.SHIPPED -> t.reply(NAME, t.say("cancel.shipped", "order", order.number()),
        List.of(t.quick("button.track_order", DialogueManager.INTENT_PAYLOAD + "track_order"), t.human()));
      case Order.DELIVERED -> t.reply(NAME, t.say("cancel.delivered", "order", order.number()),
        List.of(t.quick("button.start_return", DialogueManager.INTENT_PAYLOAD + "get_refund"), t.human()));
      default -> t.reply(NAME, t.say("cancel.returning", "order", order.number()),
        List.of(t.quick("button.refund_status", DialogueManager.INTENT_PAYLOAD + "track_refund")));
    };
  }
}
