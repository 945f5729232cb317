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
  /** Slot: whether the order was paid when the shopper confirmed (an unpaid order has nothing to refund). */
  private static final String PAID = "paid";
  /** Slot: the cancellation fee quoted to the shopper, in cents, kept back from the refund. */
  private static final String FEE = "fee_cents";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean answers(FlowTurn t) {
    return OrderAccess.answersOrConfirms(t);
  }

  @Override
  public String prompt(FlowTurn t) {
    return OrderAccess.promptOrConfirm(t, "cancel.confirm_again");
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    if (t.resumed() && t.state().confirming()) {
      return confirmed(t);
    }
    return OrderAccess.withOrder(t, NAME, order -> offer(t, order));
  }

  private static Future<BotReply> offer(FlowTurn t, Order order) {
    if (!order.beforeShipping()) {
      t.ended();
      return Future.succeededFuture(cannot(t, order));
    }
    return t.shop().policies().map(policies -> {
      long feeCents = order.status().equals(Order.PROCESSING) ? policies.cancellationFeeCents() : 0;
      String fee = feeCents > 0 ? t.gap() + t.say("cancel.fee", "fee", t.money(feeCents, policies.currency())) : "";
      t.awaiting(NAME, FlowTurn.CONFIRM, Map.of(OrderAccess.ORDER_NUMBER, order.number(), PAID,
        String.valueOf(!order.status().equals(Order.PENDING)), FEE, String.valueOf(feeCents)));
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
    boolean paid = Boolean.parseBoolean(t.state().slot(PAID));
    long fee = t.state().slotNumber(FEE);
    return t.shop().cancel(number, REASON).map(result -> {
      t.ended();
      if (result.done()) {
        return t.reply(NAME, done(t, result, paid, fee), List.of());
      }
      if (result.order() != null && !result.order().beforeShipping()) {
        return cannot(t, result.order());
      }
      return t.reply(NAME, t.say("cancel.failed", "order", number), List.of(t.human()));
    });
  }

  private static String done(FlowTurn t, ActionResult result, boolean paid, long feeCents) {
    Order order = result.order();
    String text = t.say("cancel.done", "order", order.number());
    long refund = order.totalCents() - (result.code().equals("cancelled_with_fee") ? feeCents : 0);
    if (paid && refund > 0) {
      text += t.gap() + t.say("cancel.refund", "amount", t.money(refund, order.currency()));
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
