package com.shopchat.dialogue;

import java.util.EnumMap;
import java.util.Map;

/** The bot's own sentences in each supported language; knowledge answers come from the KB instead. */
final class Phrases {

  enum Key {
    GREETING, THANKS, GOODBYE, HANDOFF, NOT_SURE, NOT_SURE_AGAIN, SUGGEST_DELIVERY, SUGGEST_RETURNS, TALK_TO_PERSON,
    OUT_OF_SCOPE, SMALLTALK, AFFIRM, DENY
  }

  private static final Map<Key, String> EN = new EnumMap<>(Key.class);
  private static final Map<Key, String> ZH = new EnumMap<>(Key.class);

  static {
    EN.put(Key.GREETING, "Hi! I'm the shop's assistant. I can help with delivery, returns, refunds, payment, "
      + "your account and your orders. What can I do for you?");
    EN.put(Key.THANKS, "You're welcome! Is there anything else I can help with?");
    EN.put(Key.GOODBYE, "Thanks for chatting with us. Have a great day!");
    EN.put(Key.HANDOFF, "I've asked our support team to take over. A person will reply right here in this chat; "
      + "you can close this window and come back later, nothing will be lost.");
    EN.put(Key.NOT_SURE, "Sorry, I'm not sure I have a good answer to that. I can help with delivery, returns, "
      + "refunds, payment and your account. Could you rephrase it, or pick one of these?");
    EN.put(Key.NOT_SURE_AGAIN, "Sorry, I still can't find a good answer. Would you like to talk to a person from our team?");
    EN.put(Key.SUGGEST_DELIVERY, "How long does delivery take?");
    EN.put(Key.SUGGEST_RETURNS, "What is your return policy?");
    EN.put(Key.TALK_TO_PERSON, "Talk to a person");
    EN.put(Key.OUT_OF_SCOPE, "I'm afraid that's outside what I can help with here. I'm the shop's assistant: ask me "
      + "about your orders, delivery, returns, refunds, payment, your account or our products.");
    EN.put(Key.SMALLTALK, "I'm the shop's virtual assistant, here around the clock. I'm best at orders, delivery, "
      + "returns and our products. What can I do for you?");
    EN.put(Key.AFFIRM, "Great! What else can I do for you?");
    EN.put(Key.DENY, "All right. If there's anything else, just ask.");

    ZH.put(Key.GREETING, "您好！我是本店的智能助手，可以帮您解答配送、退货、退款、支付、账户和订单方面的问题。请问有什么可以帮您？");
    ZH.put(Key.THANKS, "不客气！还有其他可以帮您的吗？");
    ZH.put(Key.GOODBYE, "感谢您的咨询，祝您生活愉快！");
    ZH.put(Key.HANDOFF, "我已请客服同事接手，他们会直接在这个对话里回复您。您可以先关闭窗口，稍后回来查看，消息不会丢失。");
    ZH.put(Key.NOT_SURE, "抱歉，这个问题我暂时没有合适的答案。我可以解答配送、退货、退款、支付和账户相关的问题。您可以换个说法，或者选择下面的问题：");
    ZH.put(Key.NOT_SURE_AGAIN, "抱歉，我还是没能找到合适的答案。需要为您转接人工客服吗？");
    ZH.put(Key.SUGGEST_DELIVERY, "配送需要多长时间？");
    ZH.put(Key.SUGGEST_RETURNS, "退货政策是什么？");
    ZH.put(Key.TALK_TO_PERSON, "转人工客服");
    ZH.put(Key.OUT_OF_SCOPE, "抱歉，这超出了我能帮忙的范围。我是本店的购物助手，可以帮您查询订单、配送、退货、退款、支付、账户和商品信息。");
    ZH.put(Key.SMALLTALK, "我是本店的智能助手，全天在线，最擅长订单、配送、退货和商品方面的问题。请问有什么可以帮您？");
    ZH.put(Key.AFFIRM, "好的！还有什么可以帮您的吗？");
    ZH.put(Key.DENY, "好的，有其他问题随时问我。");
  }

  private Phrases() {
  }

  static String get(String locale, Key key) {
    return ("zh".equals(locale) ? ZH : EN).get(key);
  }
}
