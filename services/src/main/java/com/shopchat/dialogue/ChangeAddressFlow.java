package com.shopchat.dialogue;

import com.shopchat.commerce.Address;
import com.shopchat.commerce.Order;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Send my order somewhere else": finds the order, checks it has not shipped, asks for the new address,
 * reads it back for a yes, and changes it through the shop backend. "Change my order" (items) is not
 * something the shop's system does, so that intent gets the choices there are.
 */
final class ChangeAddressFlow implements Flow {

  static final String NAME = "change_address";
  static final String CHANGE_ORDER = "change_order";
  private static final String ADDRESS = "address";
  private static final String ADDRESS_JSON = "address_json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean answers(FlowTurn t) {
    String awaiting = t.state().awaiting();
    if (FlowTurn.CONFIRM.equals(awaiting)) {
      return t.answer() != FlowTurn.Answer.NONE;
    }
    if (ADDRESS.equals(awaiting)) {
      return AddressReader.read(t.text(), new Address(null, null, null, null, "DE")) != null;
    }
    return OrderAccess.answers(t);
  }

  @Override
  public String prompt(FlowTurn t) {
    String number = t.state().slot(OrderAccess.ORDER_NUMBER);
    if (FlowTurn.CONFIRM.equals(t.state().awaiting())) {
      return t.say("address.confirm_again", "order", number);
    }
    return ADDRESS.equals(t.state().awaiting()) ? t.say("address.ask_again", "order", number) : OrderAccess.prompt(t);
  }

  @Override
  public Future<BotReply> handle(FlowTurn t) {
    if (!t.resumed() && t.intent().equals(CHANGE_ORDER)) {
      t.ended();
      return Future.succeededFuture(t.reply(NAME, t.say("change_order.options"), List.of(
        t.quick("button.change_address", DialogueManager.INTENT_PAYLOAD + "change_shipping_address"),
        t.quick("button.cancel_order", DialogueManager.INTENT_PAYLOAD + "cancel_order"), t.human())));
    }
    if (t.resumed() && t.state().confirming()) {
      return confirmed(t);
    }
    boolean givingAddress = t.resumed() && ADDRESS.equals(t.state().awaiting());
    return OrderAccess.withOrder(t, NAME, order -> Future.succeededFuture(order.beforeShipping()
      ? addressStep(t, order, givingAddress) : tooLate(t, order)));
  }

  /** Asks for the new address (again, when the last answer did not read as one), or reads it back for a yes. */
  private static BotReply addressStep(FlowTurn t, Order order, boolean givingAddress) {
    Address address = givingAddress ? AddressReader.read(t.text(), order.shippingAddress()) : null;
    if (address == null) {
      t.awaiting(NAME, ADDRESS, Map.of(OrderAccess.ORDER_NUMBER, order.number()));
      String current = order.shippingAddress() == null ? "-" : order.shippingAddress().oneLine();
      String key = givingAddress ? "address.ask_again" : "address.ask";
      return t.reply(NAME, t.say(key, "order", order.number(), "address", current), List.of());
    }
    Map<String, String> slots = new HashMap<>();
    slots.put(OrderAccess.ORDER_NUMBER, order.number());
    slots.put(ADDRESS_JSON, address.toJson().encode());
    t.awaiting(NAME, FlowTurn.CONFIRM, slots);
    return t.reply(NAME, t.say("address.confirm", "order", order.number(), "address", address.oneLine()), t.yesNo());
  }

  /** The order has left the warehouse: its address is the carrier's now. */
  private static BotReply tooLate(FlowTurn t, Order order) {
    t.ended();
    return t.reply(NAME, t.say("address.too_late", "order", order.number(), "status", t.say("status." + order.status())),
      List.of(t.quick("button.track_order", DialogueManager.INTENT_PAYLOAD + "track_order"), t.human()));
  }

  private static Future<BotReply> confirmed(FlowTurn t) {
    String number = t.state().slot(OrderAccess.ORDER_NUMBER);
    if (t.answer() == FlowTurn.Answer.NO) {
      t.ended();
      return Future.succeededFuture(t.reply(NAME, t.say("address.kept", "order", number), List.of()));
    }
    Address address = Address.fromJson(new JsonObject(t.state().slot(ADDRESS_JSON)));
    return t.shop().changeAddress(number, address).map(result -> {
      t.ended();
      if (result.done()) {
        return t.reply(NAME, t.say("address.done", "order", number, "address", address.oneLine()), List.of());
      }
      if (result.order() != null && !result.order().beforeShipping()) {
        return tooLate(t, result.order());
      }
      return t.reply(NAME, t.say("address.failed", "order", number), List.of(t.human()));
    });
  }
}
