package com.shopchat.nlu.entity;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Product, brand and category mentions resolved against the catalog, typos included ("merino sweter" → the
 * Merino Crew Sweater's SKU). Each word of the utterance is first matched against the catalog's vocabulary, exactly
 * or within the typo edits its length allows ({@link CatalogVocabulary}); an in-memory Lucene index of the
 * catalog's names then finds the entries holding those words, best first (one disjunction per utterance); each
 * is aligned word by word with the utterance to find where it is mentioned and how well.
 *
 * <p>The typo matching is done on the vocabulary rather than with Lucene's {@code FuzzyQuery}: building a
 * Levenshtein automaton per word cost about 3 ms an utterance, where the vocabulary of a shop's catalog (a few
 * thousand words, bucketed by first letter and length) takes microseconds.
 *
 * <p>Built once from the catalog (blocking: build it on a worker) and read-only afterwards, so searches from any
 * number of threads need no locking. A changed catalog means building a new index.
 */
public final class CatalogEntityIndex implements Closeable {

  /** Everyday names of the usual shop categories, by the category's name; used for those in the catalog. */
  private static final Map<String, List<String>> CATEGORY_SYNONYMS = Map.of(
    "apparel", List.of("apparel", "clothes", "clothing", "garments", "服装", "衣服", "服饰", "外套", "毛衣", "衬衫", "上衣"),
    "footwear", List.of("footwear", "shoes", "鞋子", "鞋类", "鞋", "靴子", "运动鞋"),
    "home", List.of("home goods", "homeware", "homewares", "home decor", "housewares", "household", "for my home",
      "for the home", "for our home", "家居",
      "家居用品"),
    "electronics", List.of("electronics", "gadgets", "电子产品", "数码产品", "耳机"),
    "outdoor", List.of("outdoor gear", "outdoors", "outdoor equipment", "camping gear", "hiking gear", "户外用品",
      "户外装备"));
  // A category named by an everyday word ("home") is only found through its synonyms ("home goods", "for my home":
  // "deliver to my home" names no category).
  private static final Set<String> TOO_COMMON = Set.of("home", "sale", "new", "gifts", "gift", "other", "misc");
  // Title words that do not identify a product.
  private static final Set<String> FILLER = Set.of("and", "with", "of", "the", "for", "in", "pcs", "ml", "cm", "mah",
    "pack", "w", "l", "m", "mm", "kg", "g");
  private static final int WORDS_PER_QUERY = 48;
  private static final int HITS_PER_QUERY = 24;

  /** One name to find: the entity it resolves to and its folded words. */
  private record Entry(String type, String value, List<String> words, Set<String> brandWords) {}

  private final List<Entry> entries;
  private final Map<String, String> skus;
  private final Map<String, String> chineseCategories;
  private final Set<String> nouns;
  private final CatalogVocabulary vocabulary;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private CatalogEntityIndex(List<Entry> entries, Map<String, String> skus, Map<String, String> chineseCategories,
    Set<String> nouns) throws IOException {
    this.entries = entries;
    this.skus = skus;
    this.chineseCategories = chineseCategories;
    this.nouns = nouns;
    this.vocabulary = new CatalogVocabulary(entries.stream().flatMap(e -> e.words().stream()).toList());
    this.directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      for (int i = 0; i < entries.size(); i++) {
        Document doc = new Document();
        // Each folded word is one exact term: the utterance is split by the same Utterance rules, so the index
        // needs no analyzer of its own, and fuzzy matching works on whole words.
        for (String word : new LinkedHashSet<>(entries.get(i).words())) {
          doc.add(new StringField("word", word, Field.Store.NO));
        }
        doc.add(new StoredField("entry", i));
        writer.addDocument(doc);
      }
    }
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
  }

  /** Indexes the products' titles, their brands and their categories; blocking. */
  public static CatalogEntityIndex build(Collection<CatalogItem> items) {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> skus = new HashMap<>();
    Map<String, String> brands = new LinkedHashMap<>();
    Set<String> categories = new LinkedHashSet<>();
    Set<String> nouns = new HashSet<>();
    for (CatalogItem item : items) {
      Set<String> brandWords = new HashSet<>(words(item.brand()));
      List<String> title = words(item.title());
      entries.add(new Entry(Entity.PRODUCT, item.sku(), title, brandWords));
      skus.put(item.sku().toLowerCase(Locale.ROOT), item.sku());
      if (!item.brand().isBlank()) {
        brands.putIfAbsent(item.brand().toLowerCase(Locale.ROOT), item.brand());
      }
      if (!item.category().isBlank()) {
        categories.add(item.category());
      }
      title.stream().filter(w -> w.length() >= 3 && w.chars().allMatch(Character::isLetter) && !brandWords.contains(w))
        .forEach(w -> nouns.addAll(List.of(w, w + "s", w + "es", w.endsWith("y") ? w.substring(0, w.length() - 1)
          + "ies" : w)));
    }
    brands.values().forEach(brand -> entries.add(new Entry(Entity.BRAND, brand, words(brand), Set.of())));
    Map<String, String> chinese = new HashMap<>();
    for (String category : categories) {
      Set<String> names = new LinkedHashSet<>();
      if (!TOO_COMMON.contains(category.toLowerCase(Locale.ROOT))) {
        names.add(category);
      }
      names.addAll(CATEGORY_SYNONYMS.getOrDefault(category.toLowerCase(Locale.ROOT), List.of()));
      for (String name : names) {
        if (name.codePoints().anyMatch(Character::isIdeographic)) {
          chinese.put(name, category);
        } else {
          entries.add(new Entry(Entity.CATEGORY, category, words(name), Set.of()));
        }
      }
    }
    try {
      return new CatalogEntityIndex(List.copyOf(entries), Map.copyOf(skus), Map.copyOf(chinese), Set.copyOf(nouns));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the catalog entity index", e);
    }
  }

  private static List<String> words(String name) {
    Utterance u = new Utterance(name);
    List<String> words = new ArrayList<>(u.size());
    for (int i = 0; i < u.size(); i++) {
      words.add(u.word(i));
    }
    return words;
  }

  /** Words of the product titles, and their plurals, that count things after a number ("2 sweaters"). */
  Set<String> nouns() {
    return nouns;
  }

  /** How many names (titles, brands, category names) the index holds. */
  public int size() {
    return entries.size();
  }

  void find(Utterance u, List<Candidate> out) {
    skuMentions(u, out);
    chineseCategories(u.text(), out);
    if (u.size() == 0 || entries.isEmpty()) {
      return;
    }
    List<Map<String, Integer>> near = vocabulary.near(u);
    List<Candidate> products = new ArrayList<>();
    for (int entry : lookUp(near)) {
      Entry e = entries.get(entry);
      for (Mention mention : Mention.align(u, e.words(), near)) {
        accept(u, e, mention, e.type().equals(Entity.PRODUCT) ? products : out);
      }
    }
    out.addAll(unambiguous(products));
  }

  /**
   * The entries holding a catalog word the utterance says or nearly says, best first as Lucene ranks them (BM25
   * over the matched words, so entries sharing more and rarer words come first).
   */
  private Set<Integer> lookUp(List<Map<String, Integer>> near) {
    Set<String> terms = new LinkedHashSet<>();
    near.forEach(words -> terms.addAll(words.keySet()));
    Set<Integer> found = new LinkedHashSet<>();
    if (terms.isEmpty()) {
      return found;
    }
    try {
      StoredFields stored = searcher.storedFields();
      List<String> all = new ArrayList<>(terms);
      for (int from = 0; from < all.size(); from += WORDS_PER_QUERY) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : all.subList(from, Math.min(all.size(), from + WORDS_PER_QUERY))) {
          query.add(new TermQuery(new Term("word", term)), BooleanClause.Occur.SHOULD);
        }
        for (ScoreDoc hit : searcher.search(query.build(), HITS_PER_QUERY).scoreDocs) {
          found.add(stored.document(hit.doc).getField("entry").numericValue().intValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * Whether the mention names the entry: a brand or category by all its words (two letters or more), a product
   * by at least two of its identifying words, 40 % of them, and not only by its brand.
   */
  private static void accept(Utterance u, Entry e, Mention m, List<Candidate> out) {
    List<String> identifying = e.words().stream().filter(w -> !FILLER.contains(w) && w.length() >= 2
      && !w.chars().allMatch(Character::isDigit)).toList();
    long matched = m.matchedWords().stream().filter(identifying::contains).count();
    long beyondBrand = m.matchedWords().stream().filter(w -> identifying.contains(w) && !e.brandWords().contains(w))
      .count();
    // A brand or category is one or two words, so each may carry one typo only ("closing" is not "clothing").
    boolean named = switch (e.type()) {
      case Entity.PRODUCT -> matched >= 2 && beyondBrand >= 1 && matched >= 0.4 * identifying.size();
      default -> matched == identifying.size() && matched > 0 && m.edits() <= matched;
    };
    if (!named) {
      return;
    }
    int priority = switch (e.type()) {
      case Entity.PRODUCT -> Candidate.PRODUCT;
      case Entity.BRAND -> Candidate.BRAND;
      default -> Candidate.CATEGORY;
    };
    // Products compete on how much of the title was said and how cleanly: quality rides in the priority.
    int quality = e.type().equals(Entity.PRODUCT) ? (int) matched * 8 - m.edits() : 0;
    out.add(new Candidate(new Entity(e.type(), e.value(), u.start(m.first()), u.end(m.last())),
      priority * 1000 + quality));
  }

  /**
   * The best product mention of each group of overlapping ones; none when two different products fit a group
   * equally well ("organic cotton" is both the Oxford shirt and the towel set), because guessing is worse than
   * asking.
   */
  private static List<Candidate> unambiguous(List<Candidate> products) {
    products.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
    List<Candidate> kept = new ArrayList<>();
    List<Candidate> seen = new ArrayList<>();
    for (Candidate c : products) {
      boolean overlapsSeen = seen.stream().anyMatch(s -> s.entity().overlaps(c.entity()));
      boolean tiesKept = kept.stream().anyMatch(k -> k.entity().overlaps(c.entity()) && k.priority() == c.priority()
        && !k.entity().value().equals(c.entity().value()));
      if (tiesKept) {
        kept.removeIf(k -> k.entity().overlaps(c.entity()) && k.priority() == c.priority());
      } else if (!overlapsSeen) {
        kept.add(c);
      }
      seen.add(c);
    }
    // Back to the common scale: the extractor compares products with other entities by PRODUCT priority.
    return kept.stream().map(c -> new Candidate(c.entity(), Candidate.PRODUCT)).toList();
  }

  /** SKUs written out ("AP-1001"), as one word or two joined by a hyphen. */
  private void skuMentions(Utterance u, List<Candidate> out) {
    for (int i = 0; i < u.size(); i++) {
      String sku = skus.get(u.word(i));
      int last = i;
      if (sku == null && i + 1 < u.size() && u.gapAfter(i).equals("-")) {
        sku = skus.get(u.word(i) + "-" + u.word(i + 1));
        last = i + 1;
      }
      if (sku != null) {
        out.add(Candidate.of(Entity.PRODUCT, sku, u.start(i), u.end(last), Candidate.ID_AFTER_KEYWORD));
      }
    }
  }

  private void chineseCategories(String text, List<Candidate> out) {
    for (Map.Entry<String, String> category : chineseCategories.entrySet()) {
      for (int at = text.indexOf(category.getKey()); at >= 0; at = text.indexOf(category.getKey(), at + 1)) {
        out.add(Candidate.of(Entity.CATEGORY, category.getValue(), at, at + category.getKey().length(),
          Candidate.CATEGORY));
      }
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
