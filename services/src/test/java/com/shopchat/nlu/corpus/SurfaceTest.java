package com.shopchat.nlu.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shopper slips")
class SurfaceTest {

  @Test
  @DisplayName("An English typo changes one word of four letters or more by one letter and leaves short words alone.")
  void typosTouchOneLongWord() {
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      String typo = EnglishSurface.typo("no, where is my parcel", random);
      assertNotEquals("no, where is my parcel", typo);
      assertTrue(typo.startsWith("no, "), typo);
      assertTrue(Math.abs(typo.length() - "no, where is my parcel".length()) <= 1, typo);
    }
    assertEquals("yes no ok", EnglishSurface.typo("yes no ok", random));
  }

  @Test
  @DisplayName("Case and punctuation are style, not a new utterance: both give the same key.")
  void styleKeepsTheKey() {
    EnglishSurface english = new EnglishSurface();
    ChineseSurface chinese = new ChineseSurface();
    Random random = new Random(5);
    for (int i = 0; i < 100; i++) {
      assertEquals(Surface.key("Where's my order?"), Surface.key(english.style("Where's my order?", random)));
      assertEquals(Surface.key("你好，我的快递到哪了？"), Surface.key(chinese.style("你好，我的快递到哪了？", random)));
    }
  }

  @Test
  @DisplayName("A Chinese A-not-A question loses a wrong 吗, and a set phrase like 在吗 never loses its particle.")
  void chineseParticles() {
    ChineseSurface chinese = new ChineseSurface();
    Random random = new Random(7);

    assertEquals("能不能改地址？", chinese.phrase("能不能改地址吗？", List.of(), List.of(), true, random));
    for (int i = 0; i < 200; i++) {
      assertTrue(chinese.noise("亲在吗", true, random).endsWith("吗"));
    }
  }

  @Test
  @DisplayName("An English word in a Chinese sentence gets a space only next to other Latin text: \"order MT-100002\".")
  void mixedEnglishSpacing() {
    ChineseSurface chinese = new ChineseSurface();
    Random random = new Random(11);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      seen.add(chinese.noise("我的订单到哪了", false, random));
      seen.add(chinese.noise("订单MT-100002到哪了", false, random));
    }

    assertTrue(seen.contains("我的order到哪了"), seen.toString());
    assertTrue(seen.contains("order MT-100002到哪了"), seen.toString());
  }
}
