package com.shopchat.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Masking personal data for the logs")
class RedactTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "write to anna@example.com please | write to a***@example.com please",
    "li.wei@example.com | l***@example.com",
    "James.O'Connor+shop@mail.example.co.uk | J***@mail.example.co.uk",
    "a@b.example and z.z@c.example | a***@b.example and z***@c.example",
  })
  @DisplayName("keeps an email's first character and domain")
  void emails(String text, String masked) {
    assertEquals(masked, Redact.personalData(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "call me on +49 170 1234567 | call me on +** *** *****67",
    "0170-1234567 | ****-*****67",
    "(030) 123 4567, evenings | (***) *** **67, evenings",
    "我的电话是13812345678 | 我的电话是*********78",
    "电话：１３８１２３４５６７８ | 电话：*********７８",
    "+1.415.555.0132 | +*.***.***.**32",
    "MT-100001 0170 1234567 | MT-100001 **** *****67",
  })
  @DisplayName("keeps a phone number's last two digits and its separators")
  void phones(String text, String masked) {
    assertEquals(masked, Redact.personalData(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"where is my order MT-100001?", "delivered on 2026-10-02", "size 42, €79.00, 3 pairs",
    "tracking 00340434161234567890", "SKU AP-001 in 2 colours", "no @ here, just text", "订单号 MT-100017 什么时候到？"})
  @DisplayName("leaves order numbers, dates, prices, sizes and tracking numbers alone")
  void leavesOtherNumbers(String text) {
    assertEquals(text, Redact.personalData(text));
  }

  @Test
  @DisplayName("masks emails and phones in the same text, and leaves replacement syntax in the text as it was")
  void mixed() {
    assertEquals("I'm a***@example.com, $1 \\ ***-*****67",
      Redact.personalData("I'm anna@example.com, $1 \\ 030-1234567"));
  }

  @Test
  @DisplayName("leaves the demo's published admin address readable (its sign-in line), and masks the same name "
    + "at any other domain")
  void publicDemoAddress() {
    assertEquals("sign in as admin@demo.shop or Admin@Demo.Shop; a***@demo.shop.example",
      Redact.personalData("sign in as admin@demo.shop or Admin@Demo.Shop; admin@demo.shop.example"));
  }

  @Test
  @DisplayName("passes null and empty text through")
  void nullAndEmpty() {
    assertNull(Redact.personalData(null));
    assertEquals("", Redact.personalData(""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "send it to Lindenweg 3, 80331 München | send it to [address], 80331 München",
    "Hauptstraße 12, 10115 Berlin | [address], 10115 Berlin",
    "Am Alten Markt Platz 7 | [address]",
    "221b Baker Street, London NW1 6XE | [address], London NW1 6XE",
    "12 rue de Rivoli, 75001 Paris | [address], 75001 Paris",
    "寄到世纪大道100号，上海 | [address]，上海",
    "Address[name=Anna, line1=Hauptstraße 12, city=Berlin, postcode=10115, country=DE] "
      + "| Address[name=Anna, line1=[address], city=Berlin, postcode=[address], country=DE]",
    "{\"line1\":\"Flat 2, 9 Elm Row\"} | {\"line1\":\"[address], [address]\"}",
  })
  @DisplayName("masks a street and its number, and an address field of a record or JSON object")
  void addresses(String text, String masked) {
    assertEquals(masked, Redact.personalData(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"conversation c-12345678-1234-5678-9012-123456789012 queued",
    "request 00000000-0000-0000-0000-000000000000", "2 pairs in size 42", "order MT-100012 to Berlin"})
  @DisplayName("leaves UUIDs (conversation and request ids) and plain numbers and places alone")
  void leavesIdsAlone(String text) {
    assertEquals(text, Redact.personalData(text));
  }
}
