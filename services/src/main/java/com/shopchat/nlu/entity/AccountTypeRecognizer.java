package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Account tiers: a tier word right before "account" or kin ("platinum account", "pro profile", "free acount",
 * "高级会员"). The tier word alone is too often something else ("free shipping", "gold earrings").
 */
final class AccountTypeRecognizer implements Recognizer {

  private static final Pattern CHINESE = Pattern.compile("(免费|标准|基础|普通|高级|专业|黄金|金卡|白金|铂金|银卡|企业|个人|家庭|学生|试用"
    + "|(?i:vip))(?:版|级)?(?:会员|账户|账号|帐户|帐号|用户|套餐)");

  @Override
  public void find(Utterance u, List<Candidate> out) {
    for (int i = 0; i < u.size(); i++) {
      String word = u.word(i);
      boolean accountNext = i + 1 < u.size() && u.gapAfter(i).isBlank() && isAccountWord(u.word(i + 1));
      String tier = Lexicon.ACCOUNT_TIERS.get(word);
      if (tier != null && accountNext) {
        out.add(Candidate.of(Entity.ACCOUNT_TYPE, tier, u.start(i), u.end(i), Candidate.ACCOUNT_TYPE));
      } else if (u.raw(i).length() == word.length()) {
        glued(u, i, accountNext, out);
      }
    }
    if (!u.hasHan()) {
      return;
    }
    Matcher m = CHINESE.matcher(u.text());
    while (m.find()) {
      String tier = Lexicon.CHINESE_ACCOUNT_TIERS.getOrDefault(m.group(1), "VIP");
      out.add(Candidate.of(Entity.ACCOUNT_TYPE, tier, m.start(1), m.end(1), Candidate.ACCOUNT_TYPE));
    }
  }

  /**
   * A tier run into a neighbour, as typed without a space: "premiumaccount", "Freemiumprofile" (tier, then an
   * account word) or "anotherfree account" (a tier ending the word before an account word).
   */
  private static void glued(Utterance u, int i, boolean accountNext, List<Candidate> out) {
    String word = u.word(i);
    for (Map.Entry<String, String> tier : Lexicon.ACCOUNT_TIERS.entrySet()) {
      String t = tier.getKey();
      if (t.length() < 3 || word.length() <= t.length()) {
        continue;
      }
      if (word.startsWith(t) && isAccountWord(word.substring(t.length()))) {
        out.add(Candidate.of(Entity.ACCOUNT_TYPE, tier.getValue(), u.start(i), u.start(i) + t.length(),
          Candidate.ACCOUNT_TYPE));
        return;
      }
      if (accountNext && t.length() >= 4 && word.endsWith(t)) {
        out.add(Candidate.of(Entity.ACCOUNT_TYPE, tier.getValue(), u.end(i) - t.length(), u.end(i),
          Candidate.ACCOUNT_TYPE));
        return;
      }
    }
  }

  /**
   * "account" and kin, with typos: one edit up to six letters ("acount", "prfile"), two beyond ("azccount"), and
   * a following word run into it ("accountcan"). One edit only for short words, or "amount" would count.
   */
  static boolean isAccountWord(String word) {
    if (Lexicon.ACCOUNT_WORDS.contains(word) || word.startsWith("account")) {
      return true;
    }
    int edits = word.length() >= 7 ? 2 : 1;
    return word.length() >= 5 && (Fuzzy.distance(word, "account", edits) >= 0
      || Fuzzy.distance(word, "accounts", edits) >= 0 || Fuzzy.distance(word, "profile", edits) >= 0
      || Fuzzy.distance(word, "membership", edits) >= 0 || Fuzzy.distance(word, "subscription", edits) >= 0);
  }
}
