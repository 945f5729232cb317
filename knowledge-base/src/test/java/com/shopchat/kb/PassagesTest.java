package com.shopchat.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The passage of a long answer")
class PassagesTest {

  private static final String SIZES = "Our shirts run true to size: pick your usual size, or one up for a looser fit. "
      + "The size chart on every product page gives chest and length in centimetres and inches.";
  private static final String WASHING = "Wash cotton shirts at 30 degrees inside out and hang them to dry; they "
      + "keep their shape and colour for years. Do not tumble dry linen, it shrinks.";
  private static final String IRONING = "Iron cotton on a medium setting while still slightly damp. Linen takes a "
      + "hot iron; merino wool needs no ironing at all, hang it in a steamy bathroom instead.";

  private static KnowledgeIndex index;

  @BeforeAll
  static void index() {
    index = KnowledgeIndex.inMemory();
    index.replaceAll(List.of(
      new KnowledgeEntry("shirts", "en", "Shirt guide", List.of("shirt sizes and care"),
        String.join("\n\n", SIZES, WASHING, IRONING), List.of(), null),
      new KnowledgeEntry("short", "en", "Gift wrapping", List.of("do you gift wrap"),
        "Yes, for 3 EUR per parcel. Choose it at checkout.", List.of(), null),
      new KnowledgeEntry("lines", "en", "Opening hours", List.of("when are you open"),
        String.join("\n", "Our chat team is there Monday to Friday from 8:00 to 20:00 and on Saturdays from "
          + "10:00 to 16:00, except on public holidays, when only the bot answers and a person writes back later.",
          "Phone support answers weekdays from 9:00 to 17:00 on our service number, calls cost your usual rate "
            + "and the menu lets you choose English or Chinese before you are put through.",
          "Email support answers every message within one working day, usually much sooner, in English or Chinese."),
        List.of(), null)));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  @DisplayName("A question about one paragraph gets that paragraph; only the first hit carries one.")
  void paragraphTheQuestionIsAbout() {
    List<KnowledgeHit> hits = index.search("how do I wash a linen shirt, can I tumble dry it", "en", 3);

    assertEquals("shirts", hits.get(0).entry().id());
    assertEquals(WASHING, hits.get(0).passage());
    hits.subList(1, hits.size()).forEach(hit -> assertNull(hit.passage(), hit.entry().id()));
    assertEquals(IRONING, index.search("shirt ironing merino", "en", 1).get(0).passage());
  }

  @Test
  @DisplayName("Lines stand for paragraphs when there are no blank lines.")
  void linesWhenNoParagraphs() {
    KnowledgeHit hit = index.search("when does phone support answer", "en", 1).get(0);

    assertEquals("lines", hit.entry().id());
    assertEquals("Phone support answers weekdays from 9:00 to 17:00 on our service number, calls cost your usual "
        + "rate and the menu lets you choose English or Chinese before you are put through.", hit.passage());
  }

  @Test
  @DisplayName("A short answer, or a question two paragraphs speak to alike (the title's words), gets the whole answer.")
  void wholeAnswer() {
    assertNull(index.search("do you gift wrap", "en", 1).get(0).passage());
    assertNull(index.search("shirt guide", "en", 1).get(0).passage());
  }
}
