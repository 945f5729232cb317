package com.shopchat.nlu.entity;

import java.util.List;
import java.util.Set;

/**
 * Colours, cities and countries from the {@link Lexicon}: English phrases word by word, longest first, in the case
 * each name needs; Chinese names inside running text. A colour that is also an everyday word ("sand", "gold")
 * needs a colour cue next to it; a modifier joins the colour after it ("pale pink").
 */
final class GazetteerRecognizer implements Recognizer {

  private static final Set<String> COLOR_CUES_BEFORE = Set.of("in", "colour", "color", "colours", "colors",
    "shade", "coloured", "colored");
  private static final Set<String> COLOR_CUES_AFTER = Set.of("colour", "color", "coloured", "colored", "one",
    "ones", "version", "tone", "shade");
  private static final Set<String> MODIFIERS = Set.of("light", "dark", "pale", "bright", "deep", "pastel", "neon",
    "matte", "soft");
  // Continents and holidays that contain a listed name.
  private static final Set<String> NOT_A_NAME_AFTER = Set.of("north", "south", "latin", "central");
  private static final Set<String> NOT_A_COLOR_BEFORE = Set.of("friday");

  @Override
  public void find(Utterance u, List<Candidate> out) {
    english(u, out);
    if (u.hasHan()) {
      chinese(u.text(), out);
    }
  }

  private static void english(Utterance u, List<Candidate> out) {
    for (int i = 0; i < u.size(); i++) {
      if (!Lexicon.FIRST_WORDS.contains(u.word(i))) {
        continue;
      }
      for (int n = Math.min(Lexicon.LONGEST_ENGLISH_PHRASE, u.size() - i); n >= 1; n--) {
        Candidate found = phrase(u, i, n);
        if (found != null) {
          out.add(found);
          i += n - 1;
          break;
        }
      }
    }
  }

  /** The name that words {@code i .. i+n-1} spell, or null. */
  private static Candidate phrase(Utterance u, int i, int n) {
    StringBuilder key = new StringBuilder(u.word(i));
    for (int k = i + 1; k < i + n; k++) {
      key.append(' ').append(u.word(k));
    }
    List<Lexicon.Name> names = Lexicon.ENGLISH.get(key.toString());
    if (names == null) {
      return null;
    }
    for (Lexicon.Name name : names) {
      int start = u.start(i);
      int end = spelledAs(u, i, n, name);
      if (end < 0 || i > 0 && NOT_A_NAME_AFTER.contains(u.word(i - 1))) {
        continue;
      }
      if (!name.type().equals(Entity.COLOR)) {
        return Candidate.of(name.type(), name.value(), start, end, Candidate.PLACE);
      }
      Candidate color = color(u, i, n, name, end);
      if (color != null) {
        return color;
      }
    }
    return null;
  }

  /** The end of the phrase when it is written as the name needs, else -1. */
  private static int spelledAs(Utterance u, int i, int n, Lexicon.Name name) {
    int last = i + n - 1;
    switch (name.written()) {
      case EXACT -> {
        return u.text().startsWith(name.spelling(), u.start(i)) ? u.start(i) + name.spelling().length() : -1;
      }
      case CAPITALIZED -> {
        if (!u.capitalized(i)) {
          return -1;
        }
      }
      default -> {
      }
    }
    for (int k = i; k < last; k++) {
      if (!u.joined(k)) {
        return -1;
      }
    }
    return u.end(last);
  }

  private static Candidate color(Utterance u, int i, int n, Lexicon.Name name, int end) {
    int last = i + n - 1;
    if (last + 1 < u.size() && NOT_A_COLOR_BEFORE.contains(u.word(last + 1))) {
      return null;
    }
    boolean modified = n == 1 && i > 0 && MODIFIERS.contains(u.word(i - 1)) && u.joined(i - 1);
    boolean cued = modified
      || i > 0 && COLOR_CUES_BEFORE.contains(u.word(i - 1))
      || last + 1 < u.size() && COLOR_CUES_AFTER.contains(u.word(last + 1));
    if (n == 1 && Lexicon.CONTEXTUAL_COLORS.contains(u.word(i)) && !cued) {
      return null;
    }
    if (modified) {
      return Candidate.of(Entity.COLOR, u.word(i - 1) + " " + name.value(), u.start(i - 1), end, Candidate.COLOR);
    }
    return Candidate.of(Entity.COLOR, name.value(), u.start(i), end, Candidate.COLOR);
  }

  /** The longest listed Chinese name at each Han character, left to right. */
  private static void chinese(String text, List<Candidate> out) {
    int i = 0;
    while (i < text.length()) {
      if (!Character.isIdeographic(text.charAt(i))) {
        i++;
        continue;
      }
      int matched = 0;
      for (int n = Math.min(Lexicon.LONGEST_CHINESE_PHRASE, text.length() - i); n >= 2 && matched == 0; n--) {
        Lexicon.Name name = Lexicon.CHINESE.get(text.substring(i, i + n));
        if (name != null) {
          int priority = name.type().equals(Entity.COLOR) ? Candidate.COLOR : Candidate.PLACE;
          out.add(Candidate.of(name.type(), name.value(), i, i + n, priority));
          matched = n;
        }
      }
      i += Math.max(matched, 1);
    }
  }
}
