package com.shopchat.nlu.corpus;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese shoppers: an English word in the middle ("我的order到哪了"), a dropped final particle (吗, 呢, 了),
 * full-width, half-width or no punctuation. No homophone typos: which character a pinyin keyboard offers
 * depends on the input method, and a wrong guess teaches the model characters nobody types.
 */
final class ChineseSurface implements Surface {

  private static final String ENDINGS = "？！。，?!.,~～";
  // 了 only after 哪 ("到哪了"): elsewhere it is often part of the verb ("发不了", "好了").
  private static final Pattern FINAL_PARTICLE = Pattern.compile("(吗|呢|啊|呀|吧|哈|(?<=哪)了)([？！。?!.~～]*)$");
  // An A-not-A question already asks; a 吗 after it is a mistake no shopper makes: "能不能改地址吗".
  private static final Pattern A_NOT_A_WITH_MA =
      Pattern.compile("((能不能|有没有|可不可以|是不是|要不要|会不会|行不行|支不支持).*)吗");

  // Words Chinese shoppers often type in English on a shop that shows English labels.
  private static final Map<String, List<String>> ENGLISH = Map.ofEntries(
      Map.entry("订单", List.of("order", "Order")), Map.entry("退款", List.of("refund")),
      Map.entry("发票", List.of("invoice")), Map.entry("账号", List.of("account", "ID")),
      Map.entry("账户", List.of("account")), Map.entry("密码", List.of("password", "pw")),
      Map.entry("尺码", List.of("size", "码数")), Map.entry("优惠券", List.of("coupon", "券")),
      Map.entry("链接", List.of("link")), Map.entry("邮箱", List.of("email", "邮件")),
      Map.entry("地址", List.of("address")), Map.entry("评价", List.of("review")),
      Map.entry("好的", List.of("ok", "OK", "好滴")), Map.entry("谢谢", List.of("thanks", "3Q", "thx")),
      Map.entry("快递单号", List.of("tracking number", "单号")), Map.entry("支付宝", List.of("alipay")),
      Map.entry("微信支付", List.of("wechat pay")), Map.entry("信用卡", List.of("credit card", "visa")));
  private static final Pattern ENGLISH_WORDS = Pattern.compile(
      String.join("|", ENGLISH.keySet().stream().sorted((a, b) -> b.length() != a.length()
          ? b.length() - a.length() : a.compareTo(b)).toList()));

  private static final String FULL = "，？！。：；";
  private static final String HALF = ",?!.:;";

  @Override
  public String phrase(String text, List<String> openers, List<String> closers, boolean plain, Random random) {
    String phrased = A_NOT_A_WITH_MA.matcher(text).replaceAll("$1");
    if (plain) {
      return phrased;
    }
    if (!openers.isEmpty() && random.nextInt(100) < 22) {
      phrased = Surface.pick(openers, random) + (random.nextInt(3) == 0 ? "" : "，") + phrased;
    }
    if (!closers.isEmpty() && random.nextInt(100) < 12) {
      String[] split = Surface.bodyAndEnding(phrased, ENDINGS);
      phrased = split[0] + "，" + Surface.pick(closers, random) + split[1];
    }
    return phrased;
  }

  @Override
  public String noise(String text, boolean plain, Random random) {
    String noisy = text;
    if (random.nextInt(100) < 12) {
      noisy = mixEnglish(noisy, random);
    }
    // Set phrases keep their particle: "在吗" without 吗 is no longer a greeting.
    Matcher particle = FINAL_PARTICLE.matcher(noisy);
    if (!plain && random.nextInt(100) < 15 && particle.find() && particle.start() > 1) {
      noisy = noisy.substring(0, particle.start()) + particle.group(2);
    }
    return noisy;
  }

  @Override
  public String style(String text, Random random) {
    int punctuation = random.nextInt(100);
    if (punctuation < 55) {
      return text;
    }
    if (punctuation < 78) {
      StringBuilder half = new StringBuilder(text.length());
      for (char c : text.toCharArray()) {
        int at = FULL.indexOf(c);
        half.append(at >= 0 ? HALF.charAt(at) : c);
      }
      return half.toString();
    }
    // Many shoppers type no punctuation at all: a pause becomes a space or nothing.
    String[] split = Surface.bodyAndEnding(text, ENDINGS);
    return split[0].replaceAll("[，,]", random.nextBoolean() ? " " : "").strip();
  }

  private static String mixEnglish(String text, Random random) {
    Matcher word = ENGLISH_WORDS.matcher(text);
    if (!word.find()) {
      return text;
    }
    String english = Surface.pick(ENGLISH.get(word.group()), random);
    String before = text.substring(0, word.start());
    String after = text.substring(word.end());
    // Latin next to Latin needs a space: "order MT-100002", not "orderMT-100002".
    boolean spaceBefore = latinAt(before, before.length() - 1) && latinAt(english, 0);
    boolean spaceAfter = latinAt(english, english.length() - 1) && latinAt(after, 0);
    return before + (spaceBefore ? " " : "") + english + (spaceAfter ? " " : "") + after;
  }

  private static boolean latinAt(String text, int index) {
    if (index < 0 || index >= text.length()) {
      return false;
    }
    char c = text.charAt(index);
    return c < 128 && Character.isLetterOrDigit(c);
  }
}
