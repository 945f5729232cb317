package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order and invoice numbers, email addresses and phone numbers: things with a shape. A bare number is an order
 * number only after a cue ("order", "purchase", "订单", typos included), an invoice number after "invoice",
 * "bill" or "发票"; a shop-style number ("MT-100002", "#12345") counts on its own.
 *
 * <p>Every pattern starts with a look-behind that fails inside a run of its own characters, so a search tries
 * each run once and a very long text costs linear time.
 */
final class IdentifierRecognizer implements Recognizer {

  // The identifier itself: an optional '#', up to four letters, then digits (hyphens inside allowed).
  private static final String ID = "#?(?:[A-Za-z]{1,4}-?)?\\d(?:[\\d-]{0,30}\\d)?(?![\\p{L}\\p{N}])";
  // What may stand between the cue word and the identifier: "order number: 12345", "bill no. 7", "order #12".
  private static final Pattern AFTER_CUE = Pattern.compile(
    "(?i)(?:[\\s:：=]+|\\s*(?:number|num|no|nr|id|is|was|ref|reference|code)\\b\\.?){0,4}?[\\s:：=]*(" + ID + ")");
  private static final Pattern CHINESE_CUE = Pattern.compile(
    "(订单编号|订单号码|订单号|订单|单号|发票号码|发票编号|发票号|发票)(?:[\\s:：=是为]|号码)*(" + ID + ")");
  private static final Pattern SHOP_ID = Pattern.compile("(?<![\\w#-])#?[A-Za-z]{2,4}-\\d{5,12}(?![\\w-])");
  private static final Pattern HASH_ID = Pattern.compile("(?<![\\w#])#\\d{4,15}(?![\\w-])");
  private static final Pattern PHONE = Pattern.compile(
    "(?<![\\w+(.,-])(\\+\\s?|00(?=[1-9]))?\\(?\\d[\\d ().-]{5,22}\\d(?![\\w])");
  private static final Pattern DATE = Pattern.compile(
    "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
  private static final Pattern US_SHAPE = Pattern.compile("\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}");
  private static final Pattern CHINESE_MOBILE = Pattern.compile("1[3-9]\\d(?: ?\\d{4}){2}");
  private static final Pattern CHINESE_PHONE_CUE = Pattern.compile("电话|手机|号码|联系方式|致电");
  private static final Set<String> PHONE_CUES = Set.of("phone", "telephone", "tel", "mobile", "cell", "cellphone",
    "call", "text", "whatsapp", "number", "reach", "contact", "ring", "fax");
  // Near "order" or "bill" but other words.
  private static final Set<String> NOT_ORDER = Set.of("older", "border", "ordeal", "odder", "orderly", "ball",
    "bell", "belly", "built", "build", "boil", "bully");

  @Override
  public void find(Utterance u, List<Candidate> out) {
    if (u.hasDigit()) {
      idsAfterCues(u, out);
      if (u.hasHan()) {
        chineseIds(u.text(), out);
      }
      idsByShape(u.text(), SHOP_ID, out);
      idsByShape(u.text(), HASH_ID, out);
      phones(u, out);
    }
    emails(u.text(), out);
  }

  /** The identifier right after an order or invoice cue word. */
  private static void idsAfterCues(Utterance u, List<Candidate> out) {
    Matcher m = AFTER_CUE.matcher(u.text());
    for (int i = 0; i < u.size(); i++) {
      String type = cueType(u.word(i));
      if (type == null) {
        gluedToCue(u, i, out);
        continue;
      }
      m.region(u.end(i), u.text().length());
      if (m.lookingAt() && enoughDigits(m.group(1))) {
        out.add(Candidate.of(type, normalizedId(m.group(1)), m.start(1), m.end(1), Candidate.ID_AFTER_KEYWORD));
      }
    }
  }

  /** "order732201349959": the cue and the number typed as one word. */
  private static void gluedToCue(Utterance u, int i, List<Candidate> out) {
    String word = u.word(i);
    int digits = word.length();
    while (digits > 0 && Character.isDigit(word.charAt(digits - 1))) {
      digits--;
    }
    if (digits >= 4 && word.length() - digits >= 4 && Character.isLetter(word.charAt(digits - 1))
      && u.raw(i).length() == word.length()) {
      String type = cueType(word.substring(0, digits));
      if (type != null) {
        out.add(Candidate.of(type, normalizedId(word.substring(digits)), u.start(i) + digits, u.end(i),
          Candidate.ID_AFTER_KEYWORD));
      }
    }
  }

  /**
   * The type of number a cue word announces, typos included ("ordr", "roder", "purchse", "inovice", "bil"), and
   * a cue run into the word before it ("theorder", "ispurchase"); null for any other word.
   */
  static String cueType(String word) {
    if (word.length() < 3 || NOT_ORDER.contains(word)) {
      return null;
    }
    if (word.endsWith("order") || word.endsWith("orders") || word.endsWith("purchase")
      || (word.charAt(0) == 'o' || word.charAt(1) == 'o') && Fuzzy.distance(word, "order", 1) >= 0
      || word.charAt(0) == 'p' && Fuzzy.distance(word, "purchase", 2) >= 0 || word.equals("purchases")) {
      return Entity.ORDER_ID;
    }
    if (word.endsWith("invoice") || word.endsWith("bill") || word.equals("bills") || word.equals("inv")
      || word.charAt(0) == 'b' && word.length() <= 5 && Fuzzy.distance(word, "bill", 1) >= 0
      || word.charAt(0) == 'i' && Fuzzy.distance(word, "invoice", 2) >= 0
      || word.charAt(0) == 'r' && Fuzzy.distance(word, "receipt", 1) >= 0) {
      return Entity.INVOICE_ID;
    }
    return null;
  }

  private static void chineseIds(String text, List<Candidate> out) {
    if (text.indexOf('单') < 0 && text.indexOf('票') < 0) {
      return;
    }
    Matcher m = CHINESE_CUE.matcher(text);
    while (m.find()) {
      if (enoughDigits(m.group(2))) {
        String type = m.group(1).startsWith("发票") ? Entity.INVOICE_ID : Entity.ORDER_ID;
        out.add(Candidate.of(type, normalizedId(m.group(2)), m.start(2), m.end(2), Candidate.ID_AFTER_KEYWORD));
      }
    }
  }

  private static void idsByShape(String text, Pattern shape, List<Candidate> out) {
    Matcher m = shape.matcher(text);
    while (m.find()) {
      out.add(Candidate.of(Entity.ORDER_ID, normalizedId(m.group()), m.start(), m.end(), Candidate.ID_BY_SHAPE));
    }
  }

  /** Four digits at least, or three behind a '#' or letters: "order 2" is a quantity, not a number. */
  private static boolean enoughDigits(String id) {
    int digits = 0;
    for (int i = 0; i < id.length(); i++) {
      digits += Character.isDigit(id.charAt(i)) ? 1 : 0;
    }
    return digits >= 4 || digits == 3 && !Character.isDigit(id.charAt(0));
  }

  /** Without '#', upper case; an all-digit number also without leading zeros ("00123842" → "123842"). */
  static String normalizedId(String id) {
    String plain = (id.startsWith("#") ? id.substring(1) : id).toUpperCase(Locale.ROOT);
    return plain.chars().allMatch(Character::isDigit) ? Numbers.stripLeadingZeros(plain) : plain;
  }

  /** Each '@' grown left over the local part and right over the domain; no pattern, so no backtracking. */
  private static void emails(String text, List<Candidate> out) {
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = at;
      while (start > 0 && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      int end = at + 1;
      while (end < text.length() && isDomainChar(text.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      if (start < at && validDomain(text.substring(at + 1, end))) {
        out.add(Candidate.of(Entity.EMAIL, text.substring(start, end).toLowerCase(Locale.ROOT), start, end,
          Candidate.EMAIL));
      }
    }
  }

  private static boolean isLocalChar(char c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || ".%+_-".indexOf(c) >= 0);
  }

  private static boolean isDomainChar(char c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
  }

  /** At least one dot, no empty label, and a top-level domain of two letters or more. */
  private static boolean validDomain(String domain) {
    int dot = domain.lastIndexOf('.');
    if (dot <= 0 || domain.contains("..") || domain.startsWith(".") || domain.startsWith("-")) {
      return false;
    }
    String tld = domain.substring(dot + 1);
    return tld.length() >= 2 && tld.chars().allMatch(Character::isLetter);
  }

  private static void phones(Utterance u, List<Candidate> out) {
    Matcher m = PHONE.matcher(u.text());
    while (m.find()) {
      String written = m.group();
      String digits = written.replaceAll("\\D", "");
      if (digits.length() < 7 || digits.length() > 15 || DATE.matcher(written).find() || badSeparators(written)) {
        continue;
      }
      boolean international = m.group(1) != null;
      boolean mobile = CHINESE_MOBILE.matcher(written).matches();
      if (international) {
        out.add(Candidate.of(Entity.PHONE, "+" + (written.startsWith("00") ? digits.substring(2) : digits),
          m.start(), m.end(), Candidate.INTERNATIONAL_PHONE));
      } else if (mobile || US_SHAPE.matcher(written).matches() || phoneCueBefore(u, m.start())) {
        out.add(Candidate.of(Entity.PHONE, mobile ? "+86" + digits : digits, m.start(), m.end(),
          Candidate.PHONE_AFTER_KEYWORD));
      }
    }
  }

  /** Runs of separators ("1 -- 2") or a dot before a short group ("12.50") are not how numbers are dialled. */
  private static boolean badSeparators(String written) {
    int run = 0;
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      run = Character.isDigit(c) ? 0 : run + 1;
      if (run > 2) {
        return true;
      }
    }
    int dot = written.lastIndexOf('.');
    return dot >= 0 && written.length() - dot - 1 < 3;
  }

  /** A phone word among the four words before, or a Chinese one in the ten characters before. */
  private static boolean phoneCueBefore(Utterance u, int offset) {
    int first = u.wordAtOrAfter(offset);
    for (int i = Math.max(0, first - 4); i < first; i++) {
      if (PHONE_CUES.contains(u.word(i))) {
        return true;
      }
    }
    return CHINESE_PHONE_CUE.matcher(u.text()).region(Math.max(0, offset - 10), offset).find();
  }
}
