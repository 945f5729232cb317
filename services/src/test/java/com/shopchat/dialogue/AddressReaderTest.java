package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.shopchat.commerce.Address;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading a typed postal address, completed from the order's current one. */
@DisplayName("The address reader")
class AddressReaderTest {

  private static final Address CURRENT = new Address("Anna Schmidt", "Hauptstraße 12", "Berlin", "10115", "DE");

  @Test
  @DisplayName("reads street, postcode and city, keeping the name and country")
  void german() {
    assertEquals(new Address("Anna Schmidt", "Lindenweg 3", "München", "80331", "DE"),
      AddressReader.read("Lindenweg 3, 80331 München", CURRENT));
  }

  @Test
  @DisplayName("takes a named country, and a city before its postcode")
  void countryAndOrder() {
    assertEquals(new Address("Anna Schmidt", "10 Downing Street", "London", "SW1A 2AA", "GB"),
      AddressReader.read("10 Downing Street, London SW1A 2AA, United Kingdom", CURRENT));
    assertEquals(new Address("Anna Schmidt", "Rue de Rivoli 5", "Paris", "75001", "FR"),
      AddressReader.read("Rue de Rivoli 5\n75001 Paris\nFrance", CURRENT));
  }

  @Test
  @DisplayName("reads a Chinese address with full-width commas")
  void chinese() {
    assertEquals(new Address("Anna Schmidt", "世纪大道100号", "上海", "200120", "CN"),
      AddressReader.read("世纪大道100号，200120 上海，中国", CURRENT));
  }

  @Test
  @DisplayName("does not read questions, single words or injection text as an address")
  void notAnAddress() {
    assertNull(AddressReader.read("how long does delivery take?", CURRENT));
    assertNull(AddressReader.read("Berlin", CURRENT));
    assertNull(AddressReader.read("'; DROP TABLE orders; --", CURRENT));
    assertNull(AddressReader.read("Lindenweg, München", CURRENT));
  }
}
