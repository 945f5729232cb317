package com.shopchat.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The index schema: field names, boosts, and the mapping between entries and Lucene documents. */
final class KnowledgeFields {

  static final String ID = "id";
  static final String LOCALE = "locale";
  static final String CATEGORY = "category";
  /** SKUs and order numbers mentioned anywhere in the entry, normalised by {@link #normalizeCode}. */
  static final String CODE = "code";
  /** Each multi-word title and tag as one analysed phrase: product names, matched only whole. */
  static final String NAME = "name";
  /**
   * The entry's sentence vector (see {@link EntryVectors}), present when the index has an {@link Embedder}; one
   * field per locale ({@link #vectorField}), like the text fields, so each locale has its own HNSW graph and a
   * search walks it without a locale filter.
   */
  static final String VECTOR = "vector";

  /*
   * A shop's identifiers: letters, an optional hyphen, digits ("FW-2002", "MT-100002", "ap1001"). The analyzers
   * split them into "fw" + "2002", which BM25 scores like any two words; kept whole here they can outrank prose.
   * Letters and digits around the match must not be ASCII ones, so "订单MT-100002" still yields its number.
   */
  private static final Pattern CODE_PATTERN =
    Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{1,4}-?\\d{3,12}(?![A-Za-z0-9])");

  /** Searched text fields; each is indexed once per locale as {@code name_locale}. */
  enum Text {
    // Questions are what customers actually type, so a hit there says most; the answer is long and
    // mentions many incidental words, so it only breaks ties.
    QUESTION("question", 3f),
    TITLE("title", 2f),
    TAG("tag", 1.5f),
    ANSWER("answer", 1f);

    final String base;
    final float boost;

    Text(String base, float boost) {
      this.base = base;
      this.boost = boost;
    }

    String field(String locale) {
      return base + "_" + locale;
    }
  }

  private KnowledgeFields() {
  }

  /** Routes every locale-suffixed text field to that locale's analyzer; ids and locales stay untouched. */
  static Analyzer perFieldAnalyzer(Map<String, Analyzer> byLocale) {
    Map<String, Analyzer> byField = new HashMap<>();
    byLocale.forEach((locale, analyzer) -> {
      for (Text text : Text.values()) {
        byField.put(text.field(locale), analyzer);
      }
    });
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), byField);
  }

  /**
   * The entry as a Lucene document; {@code names} turns a title or tag into its analysed phrase (see
   * {@link QueryTerms#phrase}), or {@code null} when it is a single word, which BM25 already weighs fairly;
   * {@code vector}, when not null, is the entry's unit-length sentence vector.
   */
  static Document toDocument(KnowledgeEntry e, Function<String, String> names, float[] vector) {
    Document doc = new Document();
    // StringField: indexed as one untokenized term, so updateDocument(new Term("id", ...)) hits exactly
    // this entry and "locale" works as an exact filter; stored to rebuild the entry from a hit.
    doc.add(new StringField(ID, e.id(), Field.Store.YES));
    doc.add(new StringField(LOCALE, e.locale(), Field.Store.YES));
    if (e.category() != null) {
      // Exact term as well, so a later "only this category" filter needs no reindex.
      doc.add(new StringField(CATEGORY, e.category(), Field.Store.YES));
    }
    // TextField: tokenized by the locale's analyzer with frequencies and positions for BM25; stored
    // because PostgreSQL is far away on the request path and a hit must carry the whole entry.
    // Lists become repeated fields, which Lucene stores and returns in insertion order.
    doc.add(new TextField(Text.TITLE.field(e.locale()), e.title(), Field.Store.YES));
    e.questions().forEach(q -> doc.add(new TextField(Text.QUESTION.field(e.locale()), q, Field.Store.YES)));
    doc.add(new TextField(Text.ANSWER.field(e.locale()), e.answer(), Field.Store.YES));
    e.tags().forEach(t -> doc.add(new TextField(Text.TAG.field(e.locale()), t, Field.Store.YES)));
    // StringField, not stored: exact keys for the high-boost clauses that let "FW-2002" or a product's full
    // name beat entries that merely share words with the question. Rebuilt from the text, so never stored.
    codeMentions(e).stream().map(KnowledgeFields::normalizeCode).distinct()
      .forEach(code -> doc.add(new StringField(CODE, code, Field.Store.NO)));
    List<String> phrases = new ArrayList<>();
    Stream.concat(Stream.of(e.title()), e.tags().stream()).map(names).forEach(p -> {
      if (p != null && !phrases.contains(p)) {
        phrases.add(p);
      }
    });
    phrases.forEach(p -> doc.add(new StringField(NAME, p, Field.Store.NO)));
    if (vector != null) {
      // HNSW graph for approximate nearest neighbours. Dot product, not cosine: the vectors are unit length
      // already, so it ranks the same and skips two norms per comparison. Not stored: rebuilt from the text.
      doc.add(new KnnFloatVectorField(vectorField(e.locale()), vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }

  /** The vector field of a locale's entries: {@code vector_en}, {@code vector_zh}. */
  static String vectorField(String locale) {
    return VECTOR + "_" + locale;
  }

  /** SKU- and order-number-like words of {@code text} as written, in first-seen order. */
  static List<String> codeMentions(String text) {
    Set<String> mentions = new LinkedHashSet<>();
    Matcher m = CODE_PATTERN.matcher(text);
    while (m.find()) {
      mentions.add(m.group());
    }
    return List.copyOf(mentions);
  }

  /** The one spelling a code is indexed and looked up by: upper case, no hyphen ("fw-2002" → "FW2002"). */
  static String normalizeCode(String mention) {
    return mention.replace("-", "").toUpperCase(Locale.ROOT);
  }

  /** Every code the entry mentions in its title, questions, tags or answer. */
  static List<String> codeMentions(KnowledgeEntry e) {
    Set<String> mentions = new LinkedHashSet<>();
    entryTexts(e).forEach(text -> mentions.addAll(codeMentions(text)));
    return List.copyOf(mentions);
  }

  private static Stream<String> entryTexts(KnowledgeEntry e) {
    return Stream.of(Stream.of(e.title(), e.answer()), e.questions().stream(), e.tags().stream()).flatMap(s -> s);
  }

  static KnowledgeEntry toEntry(Document doc) {
    String locale = doc.get(LOCALE);
    return new KnowledgeEntry(doc.get(ID), locale, doc.get(Text.TITLE.field(locale)),
      values(doc, Text.QUESTION.field(locale)), doc.get(Text.ANSWER.field(locale)),
      values(doc, Text.TAG.field(locale)), doc.get(CATEGORY));
  }

  private static List<String> values(Document doc, String field) {
    return Arrays.asList(doc.getValues(field));
  }
}
