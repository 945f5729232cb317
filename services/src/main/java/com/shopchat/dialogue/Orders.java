package com.shopchat.dialogue;

import com.shopchat.commerce.Order;

/** How an order is summed up in a sentence. */
final class Orders {

  private Orders() {
  }

  /** "2 items, €129.80" / "2 件商品，€129.80". */
  static String summary(FlowTurn t, Order order) {
    int items = order.lines().stream().mapToInt(Order.OrderLine::quantity).sum();
    return t.say(items == 1 ? "order.one_item" : "order.items", "count", items, "total",
      t.money(order.totalCents(), order.currency()));
  }
}
