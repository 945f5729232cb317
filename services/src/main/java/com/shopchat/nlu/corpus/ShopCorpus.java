package com.shopchat.nlu.corpus;

import com.shopchat.demo.DemoShop;
import com.shopchat.nlu.corpus.TemplateSet.IntentTemplates;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The project's own training corpus of shopper utterances in English and Chinese, expanded from the
 * hand-written templates in {@code resources/nlu/corpus} with slot values from the demo catalog, varied
 * phrasing and realistic slips. The same seed always gives the same rows in the same order.
 */
public final class ShopCorpus {

  /** The seed of the committed corpus, {@code services/nlu/corpus/shop-corpus.jsonl}. */
  public static final long DEFAULT_SEED = 42;

  /** Longest utterance kept; the encoder reads at most 48 tokens, and shoppers' messages are short. */
  public static final int MAX_LENGTH = 200;

  // Attempts per wanted utterance before an intent's templates count as exhausted.
  private static final int ATTEMPTS_PER_ROW = 80;

  private record Language(TemplateSet templates, SlotValues slots, Surface surface) {
  }

  private final List<Language> languages;

  private ShopCorpus(List<Language> languages) {
    this.languages = languages;
  }

  /** Reads the templates and the demo catalog from the class path; fails on a template that cannot expand. */
  public static ShopCorpus load() {
    List<JsonObject> products = DemoShop.load().products();
    List<Language> languages = new ArrayList<>();
    for (String locale : List.of("en", "zh")) {
      TemplateSet templates = TemplateSet.load(locale, "nlu/corpus/templates-" + locale + ".txt");
      SlotValues slots = SlotValues.of(locale, products, templates.slots());
      for (IntentTemplates intent : templates.intents()) {
        intent.templates().forEach(template -> TemplateExpander.validate(template, slots));
      }
      Surface surface = locale.equals("zh") ? new ChineseSurface() : new EnglishSurface();
      languages.add(new Language(templates, slots, surface));
    }
    return new ShopCorpus(languages);
  }

  /**
   * Every row, sorted by locale and intent. An utterance that another intent already produced is dropped and
   * reported as a collision rather than kept under two labels; so is its slip that happens to match another.
   */
  public GeneratedCorpus generate(long seed) {
    Map<String, String> owners = new HashMap<>();
    List<CorpusRow> rows = new ArrayList<>();
    List<String> collisions = new ArrayList<>();
    for (Language language : languages) {
      for (IntentTemplates intent : language.templates().intents()) {
        rows.addAll(generate(language, intent, seed, owners, collisions));
      }
    }
    rows.sort(Comparator.comparing(CorpusRow::locale).thenComparing(CorpusRow::intent));
    return new GeneratedCorpus(rows, collisions);
  }

  private static List<CorpusRow> generate(Language language, IntentTemplates intent, long seed,
      Map<String, String> owners, List<String> collisions) {
    String locale = language.templates().locale();
    // Its own random stream per intent: editing one intent's templates leaves every other intent's rows as they were.
    Random random = new Random(seed * 1_000_003L + (locale + "/" + intent.intent()).hashCode());
    List<String> utterances = distinctUtterances(language, intent, random, owners, collisions);
    List<CorpusRow> rows = new ArrayList<>(utterances.size());
    for (String utterance : utterances) {
      String text = withSlip(language.surface(), intent, utterance, random, owners);
      rows.add(new CorpusRow(language.surface().style(text, random), intent.intent(), locale));
    }
    return rows;
  }

  // A slip replaces the clean utterance only when it is new: a typo must not land on another intent's text.
  private static String withSlip(Surface surface, IntentTemplates intent, String utterance, Random random,
      Map<String, String> owners) {
    String noisy = surface.noise(utterance, intent.plain(), random);
    if (noisy.equals(utterance) || noisy.isBlank() || noisy.length() > MAX_LENGTH
        || owners.putIfAbsent(Surface.key(noisy), intent.intent()) != null) {
      return utterance;
    }
    return noisy;
  }

  private static List<String> distinctUtterances(Language language, IntentTemplates intent, Random random,
      Map<String, String> owners, List<String> collisions) {
    List<String> utterances = new ArrayList<>();
    TemplateSet templates = language.templates();
    for (int attempt = 0; utterances.size() < intent.target() && attempt < intent.target() * ATTEMPTS_PER_ROW;
        attempt++) {
      String template = Surface.pick(intent.templates(), random);
      String text = language.surface().phrase(TemplateExpander.expand(template, language.slots(), random),
          templates.openers(), templates.closers(), intent.plain(), random);
      if (text.isBlank() || text.length() > MAX_LENGTH) {
        continue;
      }
      String owner = owners.putIfAbsent(Surface.key(text), intent.intent());
      if (owner == null) {
        utterances.add(text);
      } else if (!owner.equals(intent.intent())) {
        collisions.add(templates.locale() + " " + intent.intent() + " vs " + owner + ": " + text);
      }
    }
    return utterances;
  }

  /** The rows of one generation, with the utterances it dropped because another intent already had them. */
  public record GeneratedCorpus(List<CorpusRow> rows, List<String> collisions) {

    /** The corpus as JSON Lines, one row per line, each line ending in a newline. */
    public String jsonLines() {
      StringBuilder out = new StringBuilder();
      rows.forEach(row -> out.append(row.toJson()).append('\n'));
      return out.toString();
    }

    /** Rows per intent (sorted) and locale. */
    public Map<String, Map<String, Integer>> counts() {
      Map<String, Map<String, Integer>> counts = new TreeMap<>();
      rows.forEach(row -> counts.computeIfAbsent(row.intent(), k -> new TreeMap<>())
          .merge(row.locale(), 1, Integer::sum));
      return counts;
    }
  }
}
