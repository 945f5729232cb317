package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People's names: a title and a capitalized name ("Mr. Jones", "Ms. Hawkings"), a listed first name and a
 * capitalized surname ("Anna Freeman"), a listed first name after a cue ("this is Anna"), anything capitalized
 * after "my name is", and in Chinese a family name after 我叫, 收件人 and kin ("我叫王小明").
 */
final class PersonNameRecognizer implements Recognizer {

  private static final Pattern TITLED = Pattern.compile(
    "(?<![\\p{L}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+(\\p{Lu}[\\p{L}’'-]*\\p{L})"
      + "(?:\\s+(\\p{Lu}[\\p{L}’'-]*\\p{L}))?");
  private static final Pattern CHINESE = Pattern.compile(
    "(?:我叫|我的名字是|我的名字叫|名字叫|收件人是?|收货人是?|联系人是?|姓名)[:：\\s]*([" + Lexicon.CHINESE_SURNAMES
      + "][\\p{IsHan}]{1,2})");
  // Characters that end a Chinese name: particles and words that follow one ("我叫李四的订单" → 李四).
  private static final String CHINESE_STOPS = "的了在想要我你是和请呢吗啊吧订退买换查";
  private static final Set<String> CUES = Set.of("is", "am", "m", "me", "from", "for", "dear");
  // Capitalized words that follow a first name without being a surname.
  private static final Set<String> NOT_SURNAME = Set.of("i", "the", "and", "or", "but", "please", "thanks", "thank",
    "hi", "hello", "from", "to", "in", "on", "at", "my", "your", "order", "invoice", "bill", "account", "can", "could",
    "would", "will", "is", "was", "here", "there", "what", "where", "when", "how", "why", "who", "ok", "okay", "yes",
    "no", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  @Override
  public void find(Utterance u, List<Candidate> out) {
    titled(u, out);
    firstNames(u, out);
    if (u.hasHan()) {
      chinese(u.text(), out);
    }
  }

  private static void titled(Utterance u, List<Candidate> out) {
    String text = u.text();
    if (text.indexOf('M') < 0 && text.indexOf('D') < 0 && text.indexOf('P') < 0) {
      return;
    }
    Matcher m = TITLED.matcher(text);
    while (m.find()) {
      // "Mr. John Smith" keeps both names; "Mr. Jones Please" does not.
      boolean both = m.group(2) != null && Lexicon.FIRST_NAMES.contains(Utterance.fold(m.group(1)))
        && surname(Utterance.fold(m.group(2)));
      int end = both ? m.end(2) : m.end(1);
      out.add(Candidate.of(Entity.PERSON_NAME, collapse(text.substring(m.start(), end)), m.start(), end,
        Candidate.PERSON_NAME));
    }
  }

  private static void firstNames(Utterance u, List<Candidate> out) {
    for (int i = 0; i < u.size(); i++) {
      boolean afterNameIs = i >= 2 && u.word(i - 1).equals("is") && u.word(i - 2).equals("name");
      if (!u.capitalized(i) || !(Lexicon.FIRST_NAMES.contains(u.word(i)) || afterNameIs && letters(u, i))) {
        continue;
      }
      int last = surnameAfter(u, i);
      if (last == i && !(afterNameIs || i > 0 && CUES.contains(u.word(i - 1)))) {
        continue;
      }
      out.add(Candidate.of(Entity.PERSON_NAME, collapse(u.text().substring(u.start(i), u.end(last))), u.start(i),
        u.end(last), Candidate.PERSON_NAME));
      i = last;
    }
  }

  /** The last word of the surname after word {@code i} ("Freeman", "O'Connor"), or {@code i} when there is none. */
  private static int surnameAfter(Utterance u, int i) {
    int next = i + 1;
    if (next >= u.size() || !u.gapAfter(i).equals(" ") || !u.capitalized(next) || !letters(u, next)
      || !surname(u.word(next))) {
      return i;
    }
    int last = next;
    // "O'Connor", "McDonald": a capitalized part right after, or after one letter and an apostrophe.
    while (last + 1 < u.size() && u.capitalized(last + 1) && (u.end(last) == u.start(last + 1)
      || u.word(last).length() == 1 && u.joined(last))) {
      last++;
    }
    return u.word(next).length() > 1 || last > next ? last : i;
  }

  private static boolean surname(String folded) {
    return !NOT_SURNAME.contains(folded) && !Lexicon.ENGLISH.containsKey(folded)
      && !Lexicon.ACCOUNT_TIERS.containsKey(folded);
  }

  private static boolean letters(Utterance u, int i) {
    return u.word(i).chars().allMatch(Character::isLetter);
  }

  private static void chinese(String text, List<Candidate> out) {
    Matcher m = CHINESE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      int length = 1;
      while (length < name.length() && CHINESE_STOPS.indexOf(name.charAt(length)) < 0) {
        length++;
      }
      if (length >= 2) {
        out.add(Candidate.of(Entity.PERSON_NAME, name.substring(0, length), m.start(1), m.start(1) + length,
          Candidate.PERSON_NAME));
      }
    }
  }

  private static String collapse(String written) {
    return written.replaceAll("\\s+", " ");
  }
}
