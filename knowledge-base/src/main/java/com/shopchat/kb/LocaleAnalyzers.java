package com.shopchat.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Builds the text analyzer for each supported chat locale, shop synonyms included; the same one is used to index
 * and to query.
 */
public final class LocaleAnalyzers {

  /** Locales the knowledge base can index and search. */
  public static final Set<String> LOCALES = Set.of("en", "zh");

  /*
   * Words that only say "this is a question" or address the shop. Lucene's English stop set is the short
   * classic list (a, the, is, ...) and keeps "how", "what", "your": left in, they match every FAQ phrased as a
   * question and dilute the query-term coverage that KnowledgeHit.confidence is built on.
   */
  private static final List<String> EXTRA_ENGLISH_STOP_WORDS = List.of(
    "how", "what", "when", "where", "why", "which", "who", "do", "does", "did", "can", "could", "would",
    "should", "i", "my", "me", "we", "our", "us", "you", "your", "please", "am", "hi", "hello");

  /*
   * smartcn's own stop set is punctuation only, so sentence particles and pronouns survive segmentation.
   * The question words are dropped for the same reason as in English. "多久" (how long) is kept on purpose:
   * like "long" in "how long", it is what separates a timing question from a policy question.
   */
  private static final List<String> EXTRA_CHINESE_STOP_WORDS = List.of(
    "吗", "呢", "吧", "啊", "呀", "的", "了", "是", "我", "你", "您", "我们", "你们", "怎么", "怎样", "如何",
    "什么", "请问", "可以", "能");

  private LocaleAnalyzers() {
  }

  /** Whether {@code locale} is one of {@link #LOCALES}. */
  public static boolean isSupported(String locale) {
    return locale != null && LOCALES.contains(locale);
  }

  /**
   * A new analyzer for {@code locale}; the caller owns and closes it. Analyzers are thread-safe, so one per
   * index is enough.
   *
   * @throws IllegalArgumentException if the locale is not supported
   */
  public static Analyzer forLocale(String locale) {
    Analyzer base = baseAnalyzer(locale);
    return new ShopSynonymAnalyzer(base, synonyms(locale, base));
  }

  /** The locale's analyzer without shop synonyms: what the synonym rules themselves are analysed with. */
  private static Analyzer baseAnalyzer(String locale) {
    return switch (locale == null ? "" : locale) {
      // EnglishAnalyzer: standard tokenizer, possessive and lower-case filters, stop words, then the Porter
      // stemmer, so "refunds", "refunded" and "refund" meet on one term.
      case "en" -> new EnglishAnalyzer(stopSet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, EXTRA_ENGLISH_STOP_WORDS));
      // Chinese has no spaces; SmartChineseAnalyzer segments into words with its HMM dictionary, which
      // matches far better than single characters (StandardAnalyzer) or bigrams (CJKAnalyzer) on short FAQs.
      case "zh" -> new SmartChineseAnalyzer(stopSet(SmartChineseAnalyzer.getDefaultStopSet(),
        EXTRA_CHINESE_STOP_WORDS));
      default -> throw new IllegalArgumentException("unsupported locale: " + locale);
    };
  }

  /*
   * Rules are parsed by the base analyzer, so "money back" is stored as the stems "monei back" and meets the
   * stemmed tokens of a question. expand=false rewrites every phrase of a line to its first one: a plain, flat
   * stream (one term per meaning), the same on both sides, so BM25 statistics and the coverage behind
   * KnowledgeHit.confidence see one term and not a bag of alternatives.
   */
  private static SynonymMap synonyms(String locale, Analyzer base) {
    String resource = "synonyms-" + locale + ".txt";
    try (InputStream in = LocaleAnalyzers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      SolrSynonymParser parser = new SolrSynonymParser(true, false, base);
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        parser.parse(reader);
      }
      return parser.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (ParseException | IllegalArgumentException e) {
      throw new IllegalStateException("bad synonym rule in " + resource + ": " + e.getMessage(), e);
    }
  }

  /** The locale's analyzer followed by the shop synonyms; closing it closes the base analyzer too. */
  private static final class ShopSynonymAnalyzer extends AnalyzerWrapper {

    private final Analyzer base;
    private final SynonymMap synonyms;

    ShopSynonymAnalyzer(Analyzer base, SynonymMap synonyms) {
      super(base.getReuseStrategy());
      this.base = base;
      this.synonyms = synonyms;
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
      return base;
    }

    @Override
    protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
      // A multi-word phrase rewritten to one term spans several positions; the index cannot store such a
      // graph, so flatten it (a no-op for queries, which only read the terms).
      return new TokenStreamComponents(components.getSource(),
        new FlattenGraphFilter(new SynonymGraphFilter(components.getTokenStream(), synonyms, true)));
    }

    @Override
    public void close() {
      super.close();
      base.close();
    }
  }

  private static CharArraySet stopSet(CharArraySet base, List<String> extra) {
    CharArraySet set = new CharArraySet(base, true);
    set.addAll(extra);
    return CharArraySet.unmodifiableSet(set);
  }
}
