package com.shopchat.nlu.corpus;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one template into one utterance: picks an alternative of every {@code (a|b|)} group, then fills slots. */
final class TemplateExpander {

  private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +([,.?!])");
  // An optional group left empty at the end must not leave its comma behind: "that's all," → "that's all".
  private static final Pattern DANGLING_COMMA = Pattern.compile("[,，]+([?!.？！。]*)$");

  private TemplateExpander() {
  }

  /** Fails with the template in the message when its groups are unbalanced or it names an unknown slot. */
  static void validate(String template, SlotValues slots) {
    int depth = 0;
    for (char c : template.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        break;
      }
    }
    if (depth != 0) {
      throw new IllegalStateException("unbalanced parentheses in template: " + template);
    }
    Matcher slot = SLOT.matcher(template);
    while (slot.find()) {
      if (!slots.has(slot.group(1))) {
        throw new IllegalStateException("unknown slot {" + slot.group(1) + "} in template: " + template);
      }
    }
  }

  static String expand(String template, SlotValues slots, Random random) {
    // The whole line is a group too, so "hi there|hello" is two alternatives.
    String text = chooseAlternatives("(" + template + ")", random);
    Matcher slot = SLOT.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (slot.find()) {
      slot.appendReplacement(filled, Matcher.quoteReplacement(slots.fill(slot.group(1), random)));
    }
    slot.appendTail(filled);
    String spaced = filled.toString().replaceAll("\\s+", " ").strip();
    String tight = SPACE_BEFORE_PUNCTUATION.matcher(spaced).replaceAll("$1");
    return DANGLING_COMMA.matcher(tight).replaceAll("$1");
  }

  // Innermost group first, so a group may hold groups; every group's choice is uniform over its alternatives.
  private static String chooseAlternatives(String template, Random random) {
    String text = template;
    int open;
    while ((open = text.lastIndexOf('(')) >= 0) {
      int close = text.indexOf(')', open);
      String[] alternatives = text.substring(open + 1, close).split("\\|", -1);
      text = text.substring(0, open) + alternatives[random.nextInt(alternatives.length)] + text.substring(close + 1);
    }
    return text;
  }
}
