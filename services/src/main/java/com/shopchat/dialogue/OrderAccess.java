package com.shopchat.dialogue;

import com.shopchat.commerce.Order;
import com.shopchat.nlu.entity.Entity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which order a turn is about, and whether this shopper may see it. A shopper the shop vouched for (signed
 * identity) sees their own orders; an anonymous shopper sees an order once they give both its number and the
 * email on it. A wrong number and someone else's order get the same answer, so nothing leaks.
 */
final class OrderAccess {

  static final String ORDER_NUMBER = "order_number";
  static final String EMAIL = "email";
  /** Quick-reply payload prefix that picks one of the shopper's orders. */
  static final String ORDER_PAYLOAD = "/order:";
  private static final String TRIES = "tries";
  private static final Pattern ANOTHER_ORDER = Pattern.compile(
    "(?i)\\b(an|another|other|different|new|second)\\s+(order|parcel|package|purchase)\\b|另一个|另外一个|别的订单|其他订单");
  private static final int MAX_TRIES = 2;
  private static final int ORDERS_OFFERED = 4;

  /** The order when the shopper may see it, else the reply that asks for what is missing or refuses. */
  record Access(Order order, BotReply reply) {}

  private OrderAccess() {
  }

  /** Whether the turn gives the order number or email the flow waits for. */
  static boolean answers(FlowTurn t) {
    String awaiting = t.state().awaiting();
    if (ORDER_NUMBER.equals(awaiting)) {
      return t.understanding().entity(Entity.ORDER_ID) != null || t.payloadValue(ORDER_PAYLOAD) != null;
    }
    return EMAIL.equals(awaiting) && t.understanding().entity(Entity.EMAIL) != null;
  }

  /**
   * For a flow that ends in a yes/no: whether the turn answers the confirmation when one is pending, else whether
   * it gives what the order lookup waits for.
   */
  static boolean answersOrConfirms(FlowTurn t) {
    return t.state().confirming() ? t.answer() != FlowTurn.Answer.NONE : answers(t);
  }

  /** The confirmation asked again ({@code confirmKey}, naming the order) when one is pending, else {@link #prompt}. */
  static String promptOrConfirm(FlowTurn t, String confirmKey) {
    return t.state().confirming() ? t.say(confirmKey, "order", t.state().slot(ORDER_NUMBER)) : prompt(t);
  }

  /**
   * Finds the order ({@link #resolve}) and carries on with {@code next} when the shopper may see it; otherwise
   * answers with what asks for the missing piece or refuses.
   */
  static Future<BotReply> withOrder(FlowTurn t, String flow, Function<Order, Future<BotReply>> next) {
    return resolve(t, flow).compose(access -> access.reply() != null ? Future.succeededFuture(access.reply())
      : next.apply(access.order()));
  }

  /** The question the flow waits on while it looks for the order. */
  static String prompt(FlowTurn t) {
    if (EMAIL.equals(t.state().awaiting())) {
      return t.say("order.ask_email", "order", t.state().slot(ORDER_NUMBER));
    }
    return t.say("order.ask_number");
  }

  /**
   * Finds the order the turn means — named now, picked from a button, gathered earlier in the flow, or the
   * one the conversation was about — and checks the shopper may see it. Sets the state either way.
   */
  private static Future<Access> resolve(FlowTurn t, String flow) {
    Map<String, String> slots = new HashMap<>(t.resumed() ? t.state().slots() : Map.of());
    String named = first(t.understanding().entity(Entity.ORDER_ID), t.payloadValue(ORDER_PAYLOAD));
    if (named != null && !named.equalsIgnoreCase(slots.get(ORDER_NUMBER))) {
      slots.put(ORDER_NUMBER, named.toUpperCase(Locale.ROOT));
    }
    String email = t.understanding().entity(Entity.EMAIL);
    if (email != null) {
      slots.put(EMAIL, email);
    }
    if (slots.get(ORDER_NUMBER) == null && t.state().lastOrder() != null
      && !ANOTHER_ORDER.matcher(t.text()).find()) {
      // "and where is it now?", "can I change the address?": the order the conversation was about, unless the
      // shopper says it is another one ("an order", "another order").
      slots.put(ORDER_NUMBER, t.state().lastOrder());
    }
    String number = slots.get(ORDER_NUMBER);
    if (number == null) {
      return t.shopperId() != null ? offerOrders(t, flow, slots)
        : ask(t, flow, ORDER_NUMBER, slots, t.say("order.ask_number"));
    }
    boolean provenBefore = t.state().verifiedOrders().contains(number);
    if (t.shopperId() == null && !provenBefore && slots.get(EMAIL) == null) {
      return ask(t, flow, EMAIL, slots, t.say("order.ask_email", "order", number));
    }
    return t.shop().order(number).map(order -> {
      if (!maySee(t, order, slots.get(EMAIL), provenBefore)) {
        return refused(t, flow, slots, number);
      }
      DialogueState state = t.state().withLastOrder(number);
      if (t.shopperId() == null) {
        state = state.withVerifiedOrder(number);
      }
      t.state(state.inFlow(flow, null, Map.of(ORDER_NUMBER, number)));
      return new Access(order, null);
    });
  }

  private static boolean maySee(FlowTurn t, Order order, String email, boolean provenBefore) {
    if (order == null) {
      return false;
    }
    if (t.shopperId() != null) {
      return t.shopperId().equals(order.shopperId());
    }
    return provenBefore || (order.email() != null && order.email().equalsIgnoreCase(email));
  }

  /** Not found, or not theirs: ask again once, then stop and offer a person. */
  private static Access refused(FlowTurn t, String flow, Map<String, String> slots, String number) {
    int tries = (int) t.state().slotNumber(TRIES) + 1;
    String key = t.shopperId() != null ? "order.not_found_account" : "order.not_found_email";
    if (tries >= MAX_TRIES) {
      t.ended();
      return new Access(null, t.reply(flow, t.say(key, "order", number) + t.gap() + t.say("order.give_up"),
        List.of(t.human())));
    }
    Map<String, String> retry = new HashMap<>();
    retry.put(TRIES, String.valueOf(tries));
    if (slots.get(EMAIL) != null) {
      // A corrected number is checked against the same email.
      retry.put(EMAIL, slots.get(EMAIL));
    }
    t.state(t.state().inFlow(flow, ORDER_NUMBER, retry));
    return new Access(null, t.reply(flow, t.say(key, "order", number) + t.gap() + t.say("order.check_number"),
      List.of(t.human())));
  }

  /** A signed-in shopper who named no order: the one order there is, or a choice of the latest few. */
  private static Future<Access> offerOrders(FlowTurn t, String flow, Map<String, String> slots) {
    return t.shop().ordersOf(t.shopperId(), ORDERS_OFFERED).compose(orders -> {
      if (orders.isEmpty()) {
        t.ended();
        return Future.succeededFuture(new Access(null, t.reply(flow, t.say("order.none_on_account"), List.of())));
      }
      if (orders.size() == 1) {
        Map<String, String> picked = new HashMap<>(slots);
        picked.put(ORDER_NUMBER, orders.get(0).number());
        t.state(t.state().inFlow(flow, null, picked).withLastOrder(orders.get(0).number()));
        return Future.succeededFuture(new Access(orders.get(0), null));
      }
      List<BotReply.QuickReply> choices = new ArrayList<>();
      for (Order o : orders) {
        choices.add(new BotReply.QuickReply(o.number() + " · " + t.say("status." + o.status()),
          ORDER_PAYLOAD + o.number()));
      }
      t.state(t.state().inFlow(flow, ORDER_NUMBER, slots));
      return Future.succeededFuture(new Access(null, t.reply(flow, t.say("order.pick"), choices)));
    });
  }

  private static Future<Access> ask(FlowTurn t, String flow, String what, Map<String, String> slots, String question) {
    t.state(t.state().inFlow(flow, what, slots));
    return Future.succeededFuture(new Access(null, t.reply(flow, question, List.of())));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
