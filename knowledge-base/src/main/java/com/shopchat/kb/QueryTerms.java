package com.shopchat.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Turns customer text into the distinct analysed terms a search uses, and measures their coverage. */
final class QueryTerms {

  // A long paste must not blow past IndexSearcher's clause limit (4 fields per term); a knowledge
  // question needs far fewer words than this anyway.
  static final int MAX_TERMS = 32;

  /** Longest product name, in analysed words, that an exact-name match looks for. */
  static final int MAX_NAME_WORDS = 6;

  // Question scaffolding: present in almost every query, so counting it would let "how do I ..." look
  // half-answered by any entry that happens to be phrased as a question.
  private static final List<String> EN_QUESTION_WORDS = List.of("how", "what", "when", "where", "why",
    "which", "do", "does", "can", "could", "i", "my", "me", "you", "your", "please", "is", "are", "there",
    "any", "get", "would", "like", "want", "know", "tell", "about", "have", "has");
  private static final List<String> ZH_FUNCTION_WORDS = List.of("吗", "呢", "的", "了", "我", "你", "您", "是",
    "什么", "怎么", "怎样", "如何", "可以", "能", "吧", "啊", "请问");

  private final Analyzer analyzer;
  private final String field;
  private final Set<String> ignored;

  QueryTerms(Analyzer analyzer, String locale) {
    this.analyzer = analyzer;
    this.field = KnowledgeFields.Text.QUESTION.field(locale);
    // Run the words through the analyzer itself so the set holds their stems ("does" -> "doe") and
    // segments, exactly as they will appear among the query terms.
    this.ignored = new HashSet<>();
    for (String word : "zh".equals(locale) ? ZH_FUNCTION_WORDS : EN_QUESTION_WORDS) {
      ignored.addAll(analyze(word));
    }
  }

  /** Distinct analysed terms of {@code text} minus question words, in first-seen order, at most {@link #MAX_TERMS}. */
  List<String> of(String text) {
    Set<String> terms = new LinkedHashSet<>();
    for (String term : analyze(text)) {
      if (!ignored.contains(term)) {
        terms.add(term);
      }
      if (terms.size() == MAX_TERMS) {
        break;
      }
    }
    return List.copyOf(terms);
  }

  /** Every analysed term of {@code text}, question words included, with no cap: for matching against passages. */
  List<String> all(String text) {
    return analyze(text);
  }

  /** A title or tag as one analysed phrase ("Merino Crew Sweater" → "merino crew sweater"); null for one word. */
  String phrase(String text) {
    List<String> words = analyze(text);
    return words.size() < 2 || words.size() > MAX_NAME_WORDS ? null : String.join(" ", words);
  }

  /** Every run of 2 to {@link #MAX_NAME_WORDS} consecutive analysed words of {@code text}, as {@link #phrase} spells them. */
  List<String> phrases(String text) {
    List<String> words = analyze(text);
    Set<String> phrases = new LinkedHashSet<>();
    for (int start = 0; start < words.size() && start < MAX_TERMS; start++) {
      for (int end = start + 2; end <= Math.min(words.size(), start + MAX_NAME_WORDS); end++) {
        phrases.add(String.join(" ", words.subList(start, end)));
      }
    }
    return List.copyOf(phrases);
  }

  /**
   * Fraction of {@code queryTerms} found in the entry's title, questions or tags, or in a SKU or order number it
   * mentions anywhere (an exact identifier is about this entry even when only its answer names it); 0 when there
   * are no terms.
   */
  float coverage(List<String> queryTerms, KnowledgeEntry entry) {
    if (queryTerms.isEmpty()) {
      return 0f;
    }
    Set<String> questionSide = new HashSet<>(analyze(entry.title()));
    entry.questions().forEach(q -> questionSide.addAll(analyze(q)));
    entry.tags().forEach(t -> questionSide.addAll(analyze(t)));
    KnowledgeFields.codeMentions(entry).forEach(code -> questionSide.addAll(analyze(code)));
    long matched = queryTerms.stream().filter(questionSide::contains).count();
    return (float) matched / queryTerms.size();
  }

  private List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analysing an in-memory string does no I/O; this only surfaces analyzer bugs.
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
