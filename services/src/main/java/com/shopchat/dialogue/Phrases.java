package com.shopchat.dialogue;

import java.util.Map;

/** The bot's own sentences in each supported language; knowledge answers come from the KB instead. */
final class Phrases {

  enum Key {
    GREETING, THANKS, GOODBYE, HANDOFF, NOT_SURE, NOT_SURE_AGAIN, SUGGEST_DELIVERY, SUGGEST_RETURNS, TALK_TO_PERSON
  }

  private static final Map<Key, String> EN = Map.of(
    Key.GREETING, "Hi! I'm the shop's assistant. I can help with delivery, returns, refunds, payment, "
      + "your account and your orders. What can I do for you?",
    Key.THANKS, "You're welcome! Is there anything else I can help with?",
    Key.GOODBYE, "Thanks for chatting with us. Have a great day!",
    Key.HANDOFF, "I've asked our support team to take over. A person will reply right here in this chat; "
      + "you can close this window and come back later, nothing will be lost.",
    Key.NOT_SURE, "Sorry, I'm not sure I have a good answer to that. I can help with delivery, returns, "
      + "refunds, payment and your account. Could you rephrase it, or pick one of these?",
    Key.NOT_SURE_AGAIN, "Sorry, I still can't find a good answer. Would you like to talk to a person from our team?",
    Key.SUGGEST_DELIVERY, "How long does delivery take?",
    Key.SUGGEST_RETURNS, "What is your return policy?",
    Key.TALK_TO_PERSON, "Talk to a person");

  private static final Map<Key, String> ZH = Map.of(
    Key.GREETING, "您好！我是本店的智能助手，可以帮您解答配送、退货、退款、支付、账户和订单方面的问题。请问有什么可以帮您？",
    Key.THANKS, "不客气！还有其他可以帮您的吗？",
    Key.GOODBYE, "感谢您的咨询，祝您生活愉快！",
    Key.HANDOFF, "我已请客服同事接手，他们会直接在这个对话里回复您。您可以先关闭窗口，稍后回来查看，消息不会丢失。",
    Key.NOT_SURE, "抱歉，这个问题我暂时没有合适的答案。我可以解答配送、退货、退款、支付和账户相关的问题。您可以换个说法，或者选择下面的问题：",
    Key.NOT_SURE_AGAIN, "抱歉，我还是没能找到合适的答案。需要为您转接人工客服吗？",
    Key.SUGGEST_DELIVERY, "配送需要多长时间？",
    Key.SUGGEST_RETURNS, "退货政策是什么？",
    Key.TALK_TO_PERSON, "转人工客服");

  private Phrases() {
  }

  static String get(String locale, Key key) {
    return ("zh".equals(locale) ? ZH : EN).get(key);
  }
}
