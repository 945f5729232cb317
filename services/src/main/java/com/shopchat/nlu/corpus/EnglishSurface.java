package com.shopchat.nlu.corpus;

import com.shopchat.nlu.model.Typos;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** English shoppers: chat shorthand ("u", "pls"), keyboard typos, all lower case, no question mark. */
final class EnglishSurface implements Surface {

  private static final String ENDINGS = "?!.";

  private static final Map<String, List<String>> SHORTHAND = Map.ofEntries(
      Map.entry("you", List.of("u", "ya")), Map.entry("your", List.of("ur", "yr")),
      Map.entry("you're", List.of("ur", "youre")), Map.entry("please", List.of("pls", "plz", "pleaseee")),
      Map.entry("thanks", List.of("thx", "thanx", "tks")), Map.entry("are", List.of("r")),
      Map.entry("because", List.of("cuz", "bc")), Map.entry("i'm", List.of("im")),
      Map.entry("don't", List.of("dont")), Map.entry("can't", List.of("cant")),
      Map.entry("what's", List.of("whats", "wats")), Map.entry("where's", List.of("wheres")),
      Map.entry("it's", List.of("its")), Map.entry("doesn't", List.of("doesnt")),
      Map.entry("didn't", List.of("didnt")), Map.entry("haven't", List.of("havent")),
      Map.entry("isn't", List.of("isnt")), Map.entry("want to", List.of("wanna")),
      Map.entry("going to", List.of("gonna")), Map.entry("okay", List.of("ok", "k")),
      Map.entry("tomorrow", List.of("tmrw", "tmr")), Map.entry("message", List.of("msg")),
      Map.entry("the", List.of("teh")), Map.entry("order", List.of("ordr")),
      Map.entry("with", List.of("w/")), Map.entry("know", List.of("kno")));

  private static final Pattern SHORTHAND_WORDS = Pattern.compile(
      "(?i)\\b(" + String.join("|", SHORTHAND.keySet().stream().sorted().toList().reversed()) + ")\\b");
  @Override
  public String phrase(String text, List<String> openers, List<String> closers, boolean plain, Random random) {
    if (plain) {
      return text;
    }
    String phrased = text;
    if (!openers.isEmpty() && random.nextInt(100) < 22) {
      phrased = Surface.pick(openers, random) + (random.nextBoolean() ? ", " : " ") + phrased;
    }
    if (!closers.isEmpty() && random.nextInt(100) < 12) {
      String[] split = Surface.bodyAndEnding(phrased, ENDINGS);
      phrased = split[0] + (random.nextBoolean() ? " " : ", ") + Surface.pick(closers, random) + split[1];
    }
    return phrased;
  }

  @Override
  public String noise(String text, boolean plain, Random random) {
    String noisy = text;
    if (random.nextInt(100) < 12) {
      noisy = shorthand(noisy, random);
    }
    if (random.nextInt(100) < 18) {
      noisy = typo(noisy, random);
      if (random.nextInt(4) == 0) {
        noisy = typo(noisy, random);
      }
    }
    return noisy;
  }

  @Override
  public String style(String text, Random random) {
    String[] split = Surface.bodyAndEnding(text, ENDINGS);
    String ending = split[1];
    int punctuation = random.nextInt(100);
    if (!ending.isEmpty() && punctuation < 35) {
      ending = "";
    } else if (!ending.isEmpty() && punctuation < 39) {
      ending = ending + ending.charAt(ending.length() - 1);
    }
    String body = split[0];
    int casing = random.nextInt(100);
    if (casing < 45) {
      body = body.toLowerCase(Locale.ROOT);
    } else if (casing < 47) {
      body = body.toUpperCase(Locale.ROOT);
    } else if (!body.isEmpty()) {
      body = Character.toUpperCase(body.charAt(0)) + body.substring(1);
    }
    return body + ending;
  }

  // Every shorthand-able word has an even chance, so "please can you" may become "pls can u" or "please can u".
  private static String shorthand(String text, Random random) {
    Matcher word = SHORTHAND_WORDS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (word.find()) {
      List<String> options = SHORTHAND.get(word.group(1).toLowerCase(Locale.ROOT));
      String replacement = random.nextBoolean() ? Surface.pick(options, random) : word.group(1);
      word.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    word.appendTail(out);
    return out.toString();
  }

  static String typo(String text, Random random) {
    return Typos.typo(text, random);
  }
}
