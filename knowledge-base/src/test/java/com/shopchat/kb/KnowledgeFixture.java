package com.shopchat.kb;

import java.util.List;

/** A small shop knowledge base in English and Chinese, shared by the tests. */
final class KnowledgeFixture {

  private KnowledgeFixture() {
  }

  static List<KnowledgeEntry> entries() {
    return List.of(
      en("en-delivery", "Delivery time", List.of("how long does delivery take", "when will my order arrive"),
        "Standard delivery takes 3 to 5 working days.", List.of("shipping"), "shipping"),
      en("en-returns", "Return policy", List.of("can I return an item", "how do I send something back"),
        "You can return unworn items within 30 days.", List.of("returns"), "returns"),
      en("en-refund", "Refund timing", List.of("when will I get my money back"),
        "Refunds reach your card within 5 days of us receiving the parcel.", List.of("refund"), "returns"),
      en("en-payment", "Payment methods", List.of("which cards do you accept", "can I pay with PayPal"),
        "We accept Visa, Mastercard and PayPal.", List.of("pay", "card"), "payment"),
      en("en-warranty", "Warranty", List.of("is my product covered by warranty"),
        "Electronics carry a two-year manufacturer warranty.", List.of("guarantee"), "products"),
      en("en-sizing", "Size guide", List.of("which size should I order", "do your shoes run small"),
        "Our shoes fit true to size; see the size chart on each product.", List.of("fit"), "products"),
      en("en-tracking", "Order tracking", List.of("where is my order", "how can I track my parcel"),
        "Use the tracking link in your confirmation email.", List.of("track"), "shipping"),
      en("en-password", "Password reset", List.of("I forgot my password", "how do I reset my password"),
        "Click 'Forgot password' on the sign-in page.", List.of("login", "account"), "account"),
      zh("zh-delivery", "配送时间", List.of("多久能送到", "配送需要多长时间", "什么时候发货"),
        "标准配送需要三到五个工作日。", List.of("快递"), "shipping"),
      zh("zh-returns", "退货政策", List.of("我可以退货吗", "怎么退货"),
        "未穿着的商品可在三十天内退货。", List.of("退货"), "returns"),
      zh("zh-refund", "退款", List.of("退款什么时候到账", "怎么申请退款"),
        "收到退货后五天内退款到原支付账户。", List.of("退钱"), "returns"),
      zh("zh-payment", "支付方式", List.of("支持哪些支付方式", "可以用支付宝吗"),
        "我们支持支付宝、微信支付和银行卡。", List.of("付款"), "payment"),
      zh("zh-warranty", "保修", List.of("保修期是多久", "坏了可以保修吗"),
        "电子产品享受两年保修。", List.of("质保"), "products"));
  }

  static KnowledgeEntry en(String id, String title, List<String> questions, String answer, List<String> tags,
      String category) {
    return new KnowledgeEntry(id, "en", title, questions, answer, tags, category);
  }

  static KnowledgeEntry zh(String id, String title, List<String> questions, String answer, List<String> tags,
      String category) {
    return new KnowledgeEntry(id, "zh", title, questions, answer, tags, category);
  }
}
