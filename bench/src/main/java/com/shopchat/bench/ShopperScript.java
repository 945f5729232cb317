package com.shopchat.bench;

import java.util.List;

/**
 * What a benchmark shopper says, turn after turn: the demo shop's real questions — FAQs, an order's status
 * (number, then the email on the order, as an anonymous shopper must give), a product search that returns cards
 * — in English or Chinese. Each session starts at its own place in the cycle so the mix is spread over time.
 */
final class ShopperScript {

  // Order numbers and emails are the demo data's (services/src/main/resources/demo/orders.jsonl, shoppers.jsonl).
  private static final List<String> EN = List.of(
    "how long does delivery take?",
    "where is my order?", "MT-100002", "anna@example.com",
    "show me blue shirts under 50",
    "what is your return policy?",
    "do you ship internationally?",
    "show me sweaters",
    "how much is shipping?");
  private static final List<String> ZH = List.of(
    "配送需要多长时间？",
    "我的订单在哪里？", "MT-100005", "li.wei@example.com",
    "退货政策是什么？",
    "运费多少钱？",
    "可以寄到国外吗？");

  private final List<String> turns;
  private int next;

  private ShopperScript(List<String> turns, int start) {
    this.turns = turns;
    this.next = Math.floorMod(start, turns.size());
  }

  /** Every fifth session speaks Chinese, the rest English. */
  static ShopperScript forSession(int session) {
    return new ShopperScript(session % 5 == 4 ? ZH : EN, session * 7);
  }

  static String locale(int session) {
    return session % 5 == 4 ? "zh" : "en";
  }

  String next() {
    String text = turns.get(next);
    next = (next + 1) % turns.size();
    return text;
  }
}
