package com.shopchat.kb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/** The index schema: field names, boosts, and the mapping between entries and Lucene documents. */
final class KnowledgeFields {

  static final String ID = "id";
  static final String LOCALE = "locale";
  static final String CATEGORY = "category";

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

  static Document toDocument(KnowledgeEntry e) {
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
    return doc;
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
