package com.shopchat.nlu.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Corpus templates")
class TemplateExpanderTest {

  private static final SlotValues SLOTS = SlotValues.of("en", List.of(), Map.of("city", List.of("Berlin", "Paris")));

  private static Set<String> everyExpansion(String template) {
    Random random = new Random(1);
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < 500; i++) {
      seen.add(TemplateExpander.expand(template, SLOTS, random));
    }
    return seen;
  }

  @Test
  @DisplayName("Each group becomes one of its alternatives, an empty one makes it optional, a slot one of its values.")
  void groupsAndSlotsExpand() {
    assertEquals(Set.of("hi Berlin", "hi Paris", "hi there Berlin", "hi there Paris", "hey Berlin", "hey Paris",
        "hey there Berlin", "hey there Paris"), everyExpansion("(hi|hey) (there|) {city}"));
  }

  @Test
  @DisplayName("A line is itself a group, groups nest, and an empty optional part leaves no stray space or comma.")
  void linesNestAndTidy() {
    assertEquals(Set.of("bye", "ok", "ok thanks", "ok thanks a lot", "ok, thanks", "ok, thanks a lot"),
        everyExpansion("bye|ok(, | )(thanks( a lot|)|)"));
  }

  @Test
  @DisplayName("Made-up order numbers look like the demo shop's, MT-1000NN, or bare digits.")
  void orderNumbersLookReal() {
    Set<String> orders = everyExpansion("{order}");

    assertTrue(orders.size() > 50, orders.toString());
    assertTrue(orders.stream().allMatch(order -> order.matches("(#?MT-?|mt-)1000\\d\\d|1000\\d\\d|\\d{8}")),
        orders.toString());
  }

  @Test
  @DisplayName("A template naming an unknown slot or with unbalanced parentheses is refused, naming the template.")
  void badTemplatesAreRefused() {
    IllegalStateException unknown = assertThrows(IllegalStateException.class,
        () -> TemplateExpander.validate("where is {parcel}", SLOTS));
    IllegalStateException unbalanced = assertThrows(IllegalStateException.class,
        () -> TemplateExpander.validate("(hi|hey there", SLOTS));

    assertTrue(unknown.getMessage().contains("{parcel}"), unknown.getMessage());
    assertTrue(unbalanced.getMessage().contains("(hi|hey there"), unbalanced.getMessage());
  }

  @Test
  @DisplayName("A template file without a target on its intent line, or with a template before any, names the line.")
  void badTemplateFilesAreRefused() {
    IllegalStateException noTarget = assertThrows(IllegalStateException.class,
        () -> TemplateSet.parse("en", "t.txt", List.of("# intents", "== greeting", "hi")));
    IllegalStateException orphan = assertThrows(IllegalStateException.class,
        () -> TemplateSet.parse("en", "t.txt", List.of("hi", "== greeting 5", "hello")));

    assertTrue(noTarget.getMessage().startsWith("t.txt:2:"), noTarget.getMessage());
    assertTrue(orphan.getMessage().startsWith("t.txt:1:"), orphan.getMessage());
  }
}
