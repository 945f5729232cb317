package com.shopchat.nlu.entity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the entities of an utterance, English and Chinese alike: order and invoice numbers, emails, phones,
 * money, quantities, sizes, colours, cities, countries, account types, people's names and, with a catalog,
 * products, brands and categories. Returns them in text order, never overlapping.
 *
 * <p>Each recognizer proposes candidates; where they overlap, the longer span wins, and between equally long
 * ones the stronger evidence (see {@link Candidate}). Pure CPU work with no shared mutable state: one instance
 * serves every thread. Run it off the event loop (it is cheap, but a catalog lookup is a Lucene search).
 */
public final class EntityExtractor {

  private static final Comparator<Candidate> STRONGEST_FIRST = Comparator
    .comparingInt((Candidate c) -> c.entity().length()).reversed()
    .thenComparing(Comparator.comparingInt(Candidate::priority).reversed())
    .thenComparingInt(c -> c.entity().start());

  private final List<Recognizer> recognizers;

  private EntityExtractor(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
  }

  /** Patterns and word lists only: no products, brands or categories. */
  public static EntityExtractor create() {
    return new EntityExtractor(common(Set.of()));
  }

  /** Patterns, word lists and the catalog; the extractor does not own the index (close it yourself). */
  public static EntityExtractor create(CatalogEntityIndex catalog) {
    List<Recognizer> recognizers = common(catalog.nouns());
    recognizers.add(catalog::find);
    return new EntityExtractor(recognizers);
  }

  private static List<Recognizer> common(Set<String> countNouns) {
    List<Recognizer> recognizers = new ArrayList<>();
    recognizers.add(new IdentifierRecognizer());
    recognizers.add(new AmountRecognizer(countNouns));
    recognizers.add(new SizeRecognizer());
    recognizers.add(new AccountTypeRecognizer());
    recognizers.add(new PersonNameRecognizer());
    recognizers.add(new GazetteerRecognizer());
    return recognizers;
  }

  /** The entities of {@code text} in text order; empty for null or blank text. */
  public List<Entity> extract(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Utterance utterance = new Utterance(text);
    List<Candidate> candidates = new ArrayList<>();
    for (Recognizer recognizer : recognizers) {
      recognizer.find(utterance, candidates);
    }
    return resolve(candidates);
  }

  /** Keeps the strongest candidates that do not overlap a stronger one, in text order. */
  static List<Entity> resolve(List<Candidate> candidates) {
    candidates.sort(STRONGEST_FIRST);
    List<Entity> kept = new ArrayList<>();
    BitSet taken = new BitSet();
    for (Candidate candidate : candidates) {
      Entity e = candidate.entity();
      int clash = taken.nextSetBit(e.start());
      if (clash < 0 || clash >= e.end()) {
        kept.add(e);
        taken.set(e.start(), e.end());
      }
    }
    kept.sort(Comparator.comparingInt(Entity::start));
    return List.copyOf(kept);
  }
}
