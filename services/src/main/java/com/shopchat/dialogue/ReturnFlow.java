package com.shopchat.dialogue;

import com.shopchat.commerce.ActionResult;
import com.shopchat.commerce.Order;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * "I want to return this / get my money back": finds the order, checks it can be returned (delivered,
 * within the return window counted from delivery, no final-sale items), asks for a yes, starts the return
 * through the shop backend and says what happens next. An order already on its way back gets its refund
 * status instead.
 */
final class ReturnFlow implements Flow {

  static final String NAME = "return";
  private static final String REASON = "return started by the shopper in chat";

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
    return OrderAccess.promptOrConfirm(t, "return.confirm_again");
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    if (t.resumed() && t.state().confirming()) {
      return confirmed(t);
    }
    return OrderAccess.withOrder(t, NAME, order -> eligibility(t, order));
  }

  private static Future<BotReply> eligibility(FlowTurn t, Order order) {
    String number = order.number();
    switch (order.status()) {
      case Order.RETURN_REQUESTED, Order.REFUNDED:
        return RefundStatusFlow.status(t, order, NAME);
      case Order.CANCELLED:
        t.ended();
        return Future.succeededFuture(t.reply(NAME, t.say("return.cancelled", "order", number), List.of()));
      case Order.DELIVERED:
        break;
      default:
        t.ended();
        return Future.succeededFuture(order.beforeShipping()
          ? t.reply(NAME, t.say("return.not_shipped", "order", number),
            List.of(t.quick("button.cancel_order", DialogueManager.INTENT_PAYLOAD + "cancel_order")))
          : t.reply(NAME, t.say("return.not_delivered", "order", number),
            List.of(t.quick("button.track_order", DialogueManager.INTENT_PAYLOAD + "track_order"))));
    }
    return t.shop().policies().map(policies -> {
      long days = daysSinceDelivery(t, order);
      List<String> finalSale = order.lines().stream().filter(l -> !l.returnable()).map(Order.OrderLine::title).toList();
      if (days > policies.returnWindowDays()) {
        t.ended();
        return t.reply(NAME, t.say("return.too_late", "order", number, "days", days, "window",
          policies.returnWindowDays()), List.of(t.human()));
      }
      if (!finalSale.isEmpty()) {
        t.ended();
        return t.reply(NAME, t.say("return.final_sale", "order", number, "items", String.join(", ", finalSale)),
          List.of(t.human()));
      }
      t.awaiting(NAME, FlowTurn.CONFIRM, Map.of(OrderAccess.ORDER_NUMBER, number));
      return t.reply(NAME, t.say("return.confirm", "order", number, "days", days, "window", policies.returnWindowDays(),
        "items", Orders.summary(t, order)), t.yesNo());
    });
  }

  private static long daysSinceDelivery(FlowTurn t, Order order) {
    if (order.deliveredAt() == null) {
      return 0;
    }
    return Math.max(0, ChronoUnit.DAYS.between(order.deliveredAt().atZone(ZoneOffset.UTC).toLocalDate(), t.today()));
  }

  private static Future<BotReply> confirmed(FlowTurn t) {
    String number = t.state().slot(OrderAccess.ORDER_NUMBER);
    if (t.answer() == FlowTurn.Answer.NO) {
      t.ended();
      return Future.succeededFuture(t.reply(NAME, t.say("return.kept", "order", number), List.of()));
    }
    return t.shop().startReturn(number, REASON).map(result -> {
      t.ended();
      return result.done() ? t.reply(NAME, done(t, result), List.of(
        t.quick("button.refund_status", DialogueManager.INTENT_PAYLOAD + "track_refund")))
        : t.reply(NAME, t.say("return.refused." + known(result.code()), "order", number), List.of(t.human()));
    });
  }

  private static String done(FlowTurn t, ActionResult result) {
    Order order = result.order();
    return t.say("return.done", "order", order.number(), "amount", t.money(order.totalCents(), order.currency()));
  }

  private static String known(String code) {
    return switch (code) {
      case "outside_return_window", "not_returnable", "not_delivered", "return_exists" -> code;
      default -> "other";
    };
  }
}
