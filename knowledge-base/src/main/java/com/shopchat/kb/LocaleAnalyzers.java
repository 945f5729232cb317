package com.shopchat.kb;

import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Builds the text analyzer for each supported chat locale; the same one is used to index and to query. */
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

  private static CharArraySet stopSet(CharArraySet base, List<String> extra) {
    CharArraySet set = new CharArraySet(base, true);
    set.addAll(extra);
    return CharArraySet.unmodifiableSet(set);
  }
}
