package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.nlu.entity.Entity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small readings the dialogue takes from the words themselves: frustration and price ranges. */
@DisplayName("Dialogue signals")
class DialogueSignalsTest {

  @Test
  @DisplayName("frustration comes from negative wording, shouting and repeated exclamation marks")
  void frustration() {
    assertEquals(0, TurnReading.frustrationIn("where is my order?"));
    assertEquals(0, TurnReading.frustrationIn("I need a UPS label"));
    assertEquals(1, TurnReading.frustrationIn("this is useless"));
    assertEquals(1, TurnReading.frustrationIn("WHERE IS MY ORDER"));
    assertEquals(3, TurnReading.frustrationIn("WHERE IS MY ORDER, THIS IS RIDICULOUS!!"));
    assertEquals(1, TurnReading.frustrationIn("你们的服务太差了"));
  }

  @Test
  @DisplayName("one amount is a maximum unless the words say otherwise; two amounts are a range")
  void priceRange() {
    assertArrayEquals(new Long[] {null, 5000L}, ProductWords.priceRange("shoes under €50",
      List.of(new Entity(Entity.MONEY, "50 EUR", 13, 15))));
    assertArrayEquals(new Long[] {10000L, null}, ProductWords.priceRange("jackets over 100 euros",
      List.of(new Entity(Entity.MONEY, "100 EUR", 13, 16))));
    assertArrayEquals(new Long[] {null, 8000L}, ProductWords.priceRange("80 eur or less",
      List.of(new Entity(Entity.MONEY, "80 EUR", 0, 2))));
    assertArrayEquals(new Long[] {2000L, 4950L}, ProductWords.priceRange("between 49.50 and 20",
      List.of(new Entity(Entity.MONEY, "49.50", 8, 13), new Entity(Entity.MONEY, "20", 18, 20))));
    assertArrayEquals(new Long[] {null, 10000L}, ProductWords.priceRange("100元以内的鞋",
      List.of(new Entity(Entity.MONEY, "100 CNY", 0, 3))));
    assertArrayEquals(new Long[] {null, null}, ProductWords.priceRange("warm socks", List.of()));
  }
}
