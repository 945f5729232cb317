package com.shopchat.nlu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("WordPieceVocabularyBuilder")
class WordPieceVocabularyBuilderTest {

  private static List<String> vocabulary;
  private static HuggingFaceTokenizer tokenizer;

  @BeforeAll
  static void buildTokenizer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    List<String> corpus = IntentFixture.data().stream().map(LabeledText::text).toList();
    vocabulary = WordPieceVocabularyBuilder.create().vocabularySize(2000).write(corpus, file);
    tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true", "maxLength", "48"));
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  @DisplayName("The special tokens come first, with [PAD] as id 0.")
  void specialTokensFirst() {
    assertEquals(WordPieceVocabularyBuilder.SPECIAL_TOKENS, vocabulary.subList(0, 5));
    assertEquals(0L, tokenizer.encode("[PAD]", false, false).getIds()[0]);
  }

  @Test
  @DisplayName("English text is wrapped in [CLS] … [SEP] and decodes back to its normalised form.")
  void englishRoundTrip() {
    Encoding encoding = tokenizer.encode("Where is my order? I want a REFUND!");
    List<String> tokens = List.of(encoding.getTokens());
    assertEquals("[CLS]", tokens.get(0));
    assertEquals("[SEP]", tokens.get(tokens.size() - 1));
    assertFalse(tokens.contains("[UNK]"), tokens.toString());
    assertEquals("where is my order? i want a refund!", tokenizer.decode(encoding.getIds(), true));
  }

  @Test
  @DisplayName("Chinese text is split into one token per character and decodes back to the same characters.")
  void chineseRoundTrip() {
    Encoding encoding = tokenizer.encode("我的订单在哪里");
    assertEquals(List.of("[CLS]", "我", "的", "订", "单", "在", "哪", "里", "[SEP]"), List.of(encoding.getTokens()));
    assertEquals("我的订单在哪里", tokenizer.decode(encoding.getIds(), true).replace(" ", ""));
  }

  @Test
  @DisplayName("Accents are stripped and case is folded, as BERT's normalizer does.")
  void normalisesAccentsAndCase() {
    assertEquals(List.of(tokenizer.encode("order").getTokens()), List.of(tokenizer.encode("ÓRDÈR").getTokens()));
  }

  @Test
  @DisplayName("A word never seen whole falls back to ## pieces and still decodes to itself.")
  void unseenWordSplitsIntoPieces() {
    Encoding encoding = tokenizer.encode("trackings");
    List<String> pieces = List.of(encoding.getTokens()).subList(1, encoding.getTokens().length - 1);
    assertFalse(vocabulary.contains("trackings"));
    assertTrue(pieces.size() > 1, pieces.toString());
    assertTrue(pieces.stream().skip(1).allMatch(p -> p.startsWith("##")), pieces.toString());
    assertFalse(pieces.contains("[UNK]"), pieces.toString());
    assertEquals("trackings", tokenizer.decode(encoding.getIds(), true));
  }

  @Test
  @DisplayName("A word with a character the corpus never had becomes [UNK].")
  void unseenCharacterIsUnknown() {
    assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), List.of(tokenizer.encode("жжж").getTokens()));
  }
}
