package com.shopchat.nlu.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a WordPiece vocabulary from a text corpus and writes it as a Hugging Face {@code tokenizer.json}
 * (BERT normalizer and pre-tokenizer, WordPiece with {@code ##} continuations, {@code [CLS] $A [SEP]}).
 *
 * <p>The learner is WordPiece's likelihood merge: start from characters (word-initial and {@code ##}
 * forms) and repeatedly merge the adjacent pair with the best {@code freq(ab) / (freq(a) * freq(b))},
 * ties broken by spelling so the same corpus always gives the same vocabulary. Every character seen
 * stays in the vocabulary, so an unseen word still splits into pieces and only an unseen character
 * becomes {@code [UNK]}.
 */
public final class WordPieceVocabularyBuilder {

  /** Special tokens in id order; {@code [PAD]} must be 0 because padding fills with zeros. */
  public static final List<String> SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
  public static final String CONTINUATION = "##";

  private int vocabularySize = 8000;
  private int minPairFrequency = 2;
  private int minWordFrequency = 2;

  private WordPieceVocabularyBuilder() {
  }

  /** A builder with defaults: 8000 tokens, pieces and whole words seen at least twice. */
  public static WordPieceVocabularyBuilder create() {
    return new WordPieceVocabularyBuilder();
  }

  /** Upper bound on the vocabulary size, special tokens and the character alphabet included. */
  public WordPieceVocabularyBuilder vocabularySize(int size) {
    this.vocabularySize = size;
    return this;
  }

  /** A pair is merged only when it occurs at least this often; keeps one-off typos out of the vocabulary. */
  public WordPieceVocabularyBuilder minPairFrequency(int frequency) {
    this.minPairFrequency = frequency;
    return this;
  }

  /** Whole words this frequent are added when merges leave room. */
  public WordPieceVocabularyBuilder minWordFrequency(int frequency) {
    this.minWordFrequency = frequency;
    return this;
  }

  /** Learns the vocabulary, in id order (special tokens first). */
  public List<String> learnVocabulary(Collection<String> corpus) {
    Map<String, Integer> wordCounts = new TreeMap<>();
    for (String text : corpus) {
      for (String word : BertPreTokenizer.words(text)) {
        wordCounts.merge(word, 1, Integer::sum);
      }
    }
    Set<String> vocabulary = new LinkedHashSet<>(SPECIAL_TOKENS);
    MergeState state = MergeState.of(wordCounts);
    vocabulary.addAll(state.alphabet());
    while (vocabulary.size() < vocabularySize) {
      String merged = state.mergeBestPair(minPairFrequency);
      if (merged == null) {
        break;
      }
      vocabulary.add(merged);
    }
    wordCounts.entrySet().stream()
        .filter(e -> e.getValue() >= minWordFrequency)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .takeWhile(e -> vocabulary.size() < vocabularySize)
        .forEach(e -> vocabulary.add(e.getKey()));
    return List.copyOf(vocabulary);
  }

  /** Learns the vocabulary from the corpus and writes {@code tokenizer.json} to the given file. */
  public List<String> write(Collection<String> corpus, Path file) throws IOException {
    List<String> vocabulary = learnVocabulary(corpus);
    Files.writeString(file, tokenizerJson(vocabulary).encodePrettily());
    return vocabulary;
  }

  /** The Hugging Face tokenizer definition for a vocabulary learnt here. */
  public static JsonObject tokenizerJson(List<String> vocabulary) {
    JsonObject vocab = new JsonObject(new LinkedHashMap<>());
    for (int id = 0; id < vocabulary.size(); id++) {
      vocab.put(vocabulary.get(id), id);
    }
    JsonArray addedTokens = new JsonArray();
    for (String token : SPECIAL_TOKENS) {
      addedTokens.add(new JsonObject().put("id", vocabulary.indexOf(token)).put("content", token)
          .put("single_word", false).put("lstrip", false).put("rstrip", false)
          .put("normalized", false).put("special", true));
    }
    return new JsonObject()
        .put("version", "1.0")
        .putNull("truncation")
        .putNull("padding")
        .put("added_tokens", addedTokens)
        .put("normalizer", new JsonObject().put("type", "BertNormalizer").put("clean_text", true)
            .put("handle_chinese_chars", true).put("strip_accents", true).put("lowercase", true))
        .put("pre_tokenizer", new JsonObject().put("type", "BertPreTokenizer"))
        .put("post_processor", postProcessor(vocabulary))
        .put("decoder", new JsonObject().put("type", "WordPiece").put("prefix", CONTINUATION).put("cleanup", true))
        .put("model", new JsonObject().put("type", "WordPiece").put("unk_token", "[UNK]")
            .put("continuing_subword_prefix", CONTINUATION).put("max_input_chars_per_word", 100)
            .put("vocab", vocab));
  }

  private static JsonObject postProcessor(List<String> vocabulary) {
    JsonArray single = new JsonArray().add(special("[CLS]", 0)).add(sequence("A", 0)).add(special("[SEP]", 0));
    JsonArray pair = single.copy().add(sequence("B", 1)).add(special("[SEP]", 1));
    JsonObject specials = new JsonObject();
    for (String token : List.of("[CLS]", "[SEP]")) {
      specials.put(token, new JsonObject().put("id", token)
          .put("ids", new JsonArray().add(vocabulary.indexOf(token))).put("tokens", new JsonArray().add(token)));
    }
    return new JsonObject().put("type", "TemplateProcessing").put("single", single).put("pair", pair)
        .put("special_tokens", specials);
  }

  private static JsonObject special(String token, int typeId) {
    return new JsonObject().put("SpecialToken", new JsonObject().put("id", token).put("type_id", typeId));
  }

  private static JsonObject sequence(String id, int typeId) {
    return new JsonObject().put("Sequence", new JsonObject().put("id", id).put("type_id", typeId));
  }

  /** Words as symbol sequences plus their counts; merges rewrite the sequences in place. */
  private record MergeState(List<List<String>> words, int[] counts) {

    static MergeState of(Map<String, Integer> wordCounts) {
      List<List<String>> words = new ArrayList<>();
      int[] counts = new int[wordCounts.size()];
      int i = 0;
      for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
        List<String> symbols = new ArrayList<>();
        int[] cps = e.getKey().codePoints().toArray();
        for (int c = 0; c < cps.length; c++) {
          String ch = new String(Character.toChars(cps[c]));
          symbols.add(c == 0 ? ch : CONTINUATION + ch);
        }
        words.add(symbols);
        counts[i++] = e.getValue();
      }
      return new MergeState(words, counts);
    }

    /** Every character seen, in both its word-initial and its {@code ##} form. */
    List<String> alphabet() {
      Set<String> chars = new java.util.TreeSet<>();
      for (List<String> word : words) {
        for (String symbol : word) {
          String ch = symbol.startsWith(CONTINUATION) ? symbol.substring(CONTINUATION.length()) : symbol;
          chars.add(ch);
        }
      }
      List<String> alphabet = new ArrayList<>(chars);
      chars.forEach(ch -> alphabet.add(CONTINUATION + ch));
      return alphabet;
    }

    /** Merges the best-scoring pair everywhere and returns the new symbol, or null when none qualifies. */
    String mergeBestPair(int minPairFrequency) {
      Map<String, Long> symbolFreq = new HashMap<>();
      Map<List<String>, Long> pairFreq = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<String> word = words.get(w);
        for (int s = 0; s < word.size(); s++) {
          symbolFreq.merge(word.get(s), (long) counts[w], Long::sum);
          if (s + 1 < word.size()) {
            pairFreq.merge(List.of(word.get(s), word.get(s + 1)), (long) counts[w], Long::sum);
          }
        }
      }
      List<String> best = bestPair(symbolFreq, pairFreq, minPairFrequency);
      return best == null ? null : merge(best);
    }

    private static List<String> bestPair(
        Map<String, Long> symbolFreq, Map<List<String>, Long> pairFreq, int minPairFrequency) {
      List<String> best = null;
      double bestScore = -1;
      for (Map.Entry<List<String>, Long> e : pairFreq.entrySet()) {
        if (e.getValue() < minPairFrequency) {
          continue;
        }
        List<String> pair = e.getKey();
        double score = e.getValue() / ((double) symbolFreq.get(pair.get(0)) * symbolFreq.get(pair.get(1)));
        // Ties broken by spelling: HashMap order must not decide the vocabulary.
        if (score > bestScore || (score == bestScore && String.join(" ", pair).compareTo(String.join(" ", best)) < 0)) {
          best = pair;
          bestScore = score;
        }
      }
      return best;
    }

    private String merge(List<String> pair) {
      String merged = pair.get(0) + pair.get(1).substring(CONTINUATION.length());
      for (List<String> word : words) {
        for (int s = 0; s + 1 < word.size(); s++) {
          if (word.get(s).equals(pair.get(0)) && word.get(s + 1).equals(pair.get(1))) {
            word.set(s, merged);
            word.remove(s + 1);
          }
        }
      }
      return merged;
    }
  }
}
