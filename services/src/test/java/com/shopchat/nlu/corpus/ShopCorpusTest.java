package com.shopchat.nlu.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.nlu.corpus.ShopCorpus.GeneratedCorpus;
import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.model.LabeledText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shop corpus")
class ShopCorpusTest {

  /** The committed corpus, relative to the services module (Surefire's working directory). */
  static final Path COMMITTED = Path.of("nlu", "corpus", "shop-corpus.jsonl");

  static final List<String> BITEXT_INTENTS = List.of("cancel_order", "change_order", "change_shipping_address",
      "check_cancellation_fee", "check_invoice", "check_payment_methods", "check_refund_policy", "complaint",
      "contact_customer_service", "contact_human_agent", "create_account", "delete_account", "delivery_options",
      "delivery_period", "edit_account", "get_invoice", "get_refund", "newsletter_subscription", "payment_issue",
      "place_order", "recover_password", "registration_problems", "review", "set_up_shipping_address",
      "switch_account", "track_order", "track_refund");

  static final List<String> SHOP_INTENTS = List.of("greeting", "goodbye", "thanks", "affirm", "deny",
      "product_search", "product_question", "recommendation_request", "smalltalk", "oos");

  private static GeneratedCorpus corpus;

  @BeforeAll
  static void generate() {
    corpus = ShopCorpus.load().generate(ShopCorpus.DEFAULT_SEED);
  }

  @Test
  @DisplayName("The same seed gives byte-identical JSON Lines, and another seed gives other rows.")
  void generationIsDeterministic() {
    String again = ShopCorpus.load().generate(ShopCorpus.DEFAULT_SEED).jsonLines();
    String other = ShopCorpus.load().generate(ShopCorpus.DEFAULT_SEED + 1).jsonLines();

    assertEquals(corpus.jsonLines(), again);
    assertNotEquals(corpus.jsonLines(), other);
  }

  @Test
  @DisplayName("Its intents are exactly the 27 bitext intents, spelled as there, and the 10 shop intents.")
  void intentNamesAreTheAgreedOnes() {
    Set<String> expected = new TreeSet<>(BITEXT_INTENTS);
    expected.addAll(SHOP_INTENTS);

    assertEquals(expected, corpus.counts().keySet());
  }

  @Test
  @DisplayName("Every intent has enough utterances in both English and Chinese, out-of-scope the most.")
  void everyIntentHasEnoughExamplesInBothLanguages() {
    Map<String, Map<String, Integer>> counts = corpus.counts();
    List<String> tooFew = new ArrayList<>();
    for (String intent : counts.keySet()) {
      boolean oos = intent.equals("oos");
      int minimumEn = oos ? 300 : SHOP_INTENTS.contains(intent) ? 150 : 30;
      int minimumZh = oos ? 300 : 80;
      int en = counts.get(intent).getOrDefault("en", 0);
      int zh = counts.get(intent).getOrDefault("zh", 0);
      if (en < minimumEn || zh < minimumZh) {
        tooFew.add(intent + " en=" + en + " (want " + minimumEn + ") zh=" + zh + " (want " + minimumZh + ")");
      }
    }

    assertEquals(List.of(), tooFew);
  }

  @Test
  @DisplayName("No utterance appears twice, not even under one intent or in another case or punctuation.")
  void noDuplicateRows() {
    Set<String> rows = new HashSet<>();
    Set<String> keys = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (CorpusRow row : corpus.rows()) {
      if (!rows.add(row.text() + "\t" + row.intent()) || !keys.add(Surface.key(row.text()))) {
        duplicates.add(row.text());
      }
    }

    assertEquals(List.of(), duplicates);
  }

  @Test
  @DisplayName("No text is labelled with two different intents.")
  void noTextHasTwoIntents() {
    Map<String, Set<String>> intentsByText = new HashMap<>();
    corpus.rows().forEach(row -> intentsByText.computeIfAbsent(Surface.key(row.text()), k -> new TreeSet<>())
        .add(row.intent()));

    Map<String, Set<String>> ambiguous = intentsByText.entrySet().stream()
        .filter(entry -> entry.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of(), ambiguous);
    assertEquals(List.of(), corpus.collisions(), "templates of different intents produce the same text");
  }

  @Test
  @DisplayName("Every text is non-blank, has no outer whitespace, no leftover template syntax and at most 200 chars.")
  void textsAreWellFormed() {
    List<String> bad = corpus.rows().stream()
        .map(CorpusRow::text)
        .filter(text -> text.isBlank() || !text.equals(text.strip()) || text.length() > ShopCorpus.MAX_LENGTH
            || text.matches(".*[{}|].*") || text.contains("  "))
        .toList();

    assertEquals(List.of(), bad);
  }

  @Test
  @DisplayName("English rows have no Chinese characters; Chinese rows have them, but for a few like \"3Q\" or \"👍\".")
  void rowsAreInTheirLanguage() {
    List<String> chineseInEnglish = corpus.rows().stream()
        .filter(row -> row.locale().equals("en") && hasHan(row.text()))
        .map(CorpusRow::text)
        .toList();
    long zh = corpus.rows().stream().filter(row -> row.locale().equals("zh")).count();
    long zhWithoutHan = corpus.rows().stream().filter(row -> row.locale().equals("zh") && !hasHan(row.text())).count();

    assertEquals(List.of(), chineseInEnglish);
    assertTrue(zhWithoutHan * 100 <= zh * 2, zhWithoutHan + " of " + zh + " Chinese rows have no Chinese character");
  }

  @Test
  @DisplayName("The committed services/nlu/corpus/shop-corpus.jsonl is exactly what the generator writes.")
  void committedFileMatchesTheGenerator() throws IOException {
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);

    assertEquals(corpus.jsonLines(), committed, "regenerate it: java -jar services/target/chatbot.jar nlu corpus "
        + "--out services/nlu/corpus/shop-corpus.jsonl");
  }

  @Test
  @DisplayName("The training reader takes the committed corpus as it is, keeping text and intent of every row.")
  void trainingReaderReadsTheCorpus() throws Exception {
    List<LabeledText> examples = IntentDataset.read(COMMITTED);

    assertEquals(corpus.rows().size(), examples.size());
    assertEquals(corpus.rows().stream().map(row -> new LabeledText(row.text(), row.intent())).toList(), examples);
  }

  @Test
  @DisplayName("Slips are in the corpus: English typos or shorthand and Chinese rows with an English word.")
  void slipsAreThere() {
    long englishSlang = corpus.rows().stream()
        .filter(row -> row.locale().equals("en"))
        .filter(row -> Stream.of(" u ", " ur ", "pls", "thx", "wanna", " teh ").anyMatch(row.text()::contains))
        .count();
    long mixedChinese = corpus.rows().stream()
        .filter(row -> row.locale().equals("zh") && hasHan(row.text()))
        .filter(row -> row.text().matches(".*(order|refund|invoice|account|password|address).*"))
        .count();

    assertTrue(englishSlang >= 20, "English shorthand rows: " + englishSlang);
    assertTrue(mixedChinese >= 20, "Chinese rows with an English word: " + mixedChinese);
    assertFalse(corpus.rows().stream().anyMatch(row -> row.text().contains("能不能") && row.text().contains("吗")));
  }

  private static boolean hasHan(String text) {
    return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
