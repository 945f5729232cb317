package com.shopchat.identity;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in text bound for the logs: emails keep their first character and domain
 * ({@code a***@example.com}), phone numbers their last two digits ({@code +** *** *****67}), street addresses
 * become {@code [address]}. Shoppers type them into the chat and orders carry them; the stored conversation keeps
 * them, the logs need not. A heuristic that errs towards masking: any run of 7-15 digits that looks like a phone
 * number is masked; dates written 2026-10-02 and UUIDs (conversation and request ids) are not.
 */
public final class Redact {

  private static final Pattern EMAIL = Pattern.compile(
    "([A-Za-z0-9])[A-Za-z0-9._%+'-]*@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)");
  // Chinese keyboards often type full-width digits (１３８…); they count as digits too.
  private static final String DIGIT = "[0-9\\uFF10-\\uFF19]";
  // A phone number: an optional +, then digits in groups separated by a space, dot, dash or parentheses. Not
  // glued to a letter or digit, so words with digits stay; the digit count decides (see maskPhone).
  private static final Pattern PHONE = Pattern.compile(
    "(?<![A-Za-z0-9\\uFF10-\\uFF19])\\+?\\(?" + DIGIT + "(?:[ .\\-()]{0,2}" + DIGIT + ")+(?![A-Za-z0-9\\uFF10-\\uFF19])");
  // Ids are UUIDs; their all-digit groups would read as phone numbers and break the logs' correlation.
  private static final Pattern UUID = Pattern.compile(
    "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String WORD = "\\p{Lu}[\\p{L}.'-]*";
  // A street and its number, as shops' orders and shoppers write them: "221b Baker Street", "Hauptstraße 12",
  // "12 rue de Rivoli", "世纪大道100号"; and an address field of a record or JSON object ("line1=…").
  private static final Pattern ADDRESS = Pattern.compile(String.join("|",
    "\\b\\d{1,5}[A-Za-z]?,?\\s+(?:" + WORD + "\\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way"
      + "|Boulevard|Blvd|Court|Ct|Place|Pl|Square|Sq|Terrace|Close|Crescent|Gardens|Row|Hill|Park)\\b\\.?",
    "\\b\\d{1,5}[A-Za-z]?,?\\s+(?i:rue|avenue|boulevard|bd|place|chemin|all[ée]e|quai|via|calle|plaza)\\s+"
      + "[\\p{L}' -]{2,40}?(?=[,\\n]|$)",
    "\\b" + WORD + "(?:stra(?:ß|ss)e|str\\.|weg|gasse|platz|allee|ring|damm|straat|gade|vej)\\s+\\d{1,5}[a-z]?\\b",
    "\\b(?:" + WORD + "\\s+){1,3}(?i:Stra(?:ß|ss)e|Weg|Gasse|Platz|Allee)\\s+\\d{1,5}[a-z]?\\b",
    "[\\p{IsHan}]{1,8}(?:路|街|道|巷|弄|里)[0-9\\uFF10-\\uFF19]{1,5}(?:号|號)(?:[0-9\\uFF10-\\uFF19]{1,5}(?:室|楼|层))?",
    "(?<=\\b(?i:line1|line2|street|address|postcode|zip)[\"']?\\s?[=:]\\s?[\"']?)[^\"',}\\]\\n]+"));
  // Published addresses, no one's personal data: the demo's admin, whose sign-in line the demo prints (README).
  private static final Set<String> PUBLIC_ADDRESSES = Set.of("admin@demo.shop");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final int MIN_PHONE_DIGITS = 7;
  private static final int MAX_PHONE_DIGITS = 15;
  private static final int KEPT_DIGITS = 2;

  private Redact() {
  }

  /** The text with every email and phone number masked; {@code null} stays {@code null}. */
  public static String personalData(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // UUIDs are cut out first and put back as they were; what lies between them is masked.
    Matcher ids = UUID.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (ids.find()) {
      out.append(mask(text.substring(from, ids.start()))).append(ids.group());
      from = ids.end();
    }
    return out.append(mask(text.substring(from))).toString();
  }

  private static String mask(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String emailsMasked = EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
      PUBLIC_ADDRESSES.contains(m.group().toLowerCase(Locale.ROOT)) ? m.group() : m.group(1) + "***@" + m.group(2)));
    String addressesMasked = ADDRESS.matcher(emailsMasked).replaceAll("[address]");
    return PHONE.matcher(addressesMasked).replaceAll(m -> Matcher.quoteReplacement(maskPhone(m.group())));
  }

  /** Digits but the last two become {@code *}; separators stay, so the shape still reads as a number. */
  private static String maskPhone(String candidate) {
    long digits = candidate.chars().filter(Redact::isDigit).count();
    int space = candidate.indexOf(' ');
    if (digits > MAX_PHONE_DIGITS && space > 0) {
      // Too long for one number: likely two written side by side ("MT-100001 0170 1234567").
      return maskPhone(candidate.substring(0, space)) + " " + maskPhone(candidate.substring(space + 1));
    }
    if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS || ISO_DATE.matcher(candidate).matches()) {
      return candidate;
    }
    StringBuilder out = new StringBuilder(candidate.length());
    long seen = 0;
    for (char c : candidate.toCharArray()) {
      if (isDigit(c)) {
        seen++;
        out.append(seen > digits - KEPT_DIGITS ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9' || c >= '\uFF10' && c <= '\uFF19';
  }
}
