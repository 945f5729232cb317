package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.shopchat.gateway.InboundFrame.Hello;
import com.shopchat.gateway.InboundFrame.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Parsing a client frame")
class InboundFrameTest {

  private static final InboundFrame.Limits LIMITS = new InboundFrame.Limits(1024, 20);

  private static String code(String raw) {
    return assertThrows(ProtocolError.class, () -> InboundFrame.parse(raw, LIMITS)).code();
  }

  @Test
  @DisplayName("reads a hello with defaults for lastSeq and locale")
  void helloDefaults() {
    Hello hello = assertInstanceOf(Hello.class, InboundFrame.parse("{\"type\":\"hello\",\"visitorId\":\"v-1\"}", LIMITS));
    assertEquals("v-1", hello.visitorId());
    assertNull(hello.conversationId());
    assertEquals(0, hello.lastSeq());
    assertEquals("en", hello.locale());
  }

  @Test
  @DisplayName("carries a hello's identity token as it came, leaving its checking to the identity verifier")
  void helloIdentity() {
    Hello hello = assertInstanceOf(Hello.class,
      InboundFrame.parse("{\"type\":\"hello\",\"visitorId\":\"v-1\",\"identity\":\"not.even.close\"}", LIMITS));
    assertEquals("not.even.close", hello.identity());
    assertNull(assertInstanceOf(Hello.class, InboundFrame.parse("{\"type\":\"hello\",\"visitorId\":\"v-1\"}", LIMITS))
      .identity());
    assertEquals("invalid_field", code("{\"type\":\"hello\",\"visitorId\":\"v-1\",\"identity\":42}"));
  }

  @Test
  @DisplayName("trims a message's text and keeps its payload")
  void message() {
    Message m = assertInstanceOf(Message.class, InboundFrame.parse(
      "{\"type\":\"message\",\"clientMsgId\":\"m-1\",\"text\":\"  hi  \",\"payload\":\"/human\"}", LIMITS));
    assertEquals("hi", m.text());
    assertEquals("/human", m.payload());
  }

  @Test
  @DisplayName("counts text length in characters, so 20 Chinese characters fit a 20-character limit")
  void lengthInCodePoints() {
    String text = "配".repeat(20);
    Message m = assertInstanceOf(Message.class, InboundFrame.parse(
      "{\"type\":\"message\",\"clientMsgId\":\"m-1\",\"text\":\"" + text + "\"}", LIMITS));
    assertEquals(text, m.text());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("refuses malformed frames with the protocol's error codes")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "not json|bad_json",
    "null|bad_json",
    "42|bad_json",
    "`\"hello\"`|bad_json",
    "[]|bad_json",
    "{}|unknown_type",
    "{\"type\":7}|unknown_type",
    "{\"type\":\"HELLO\",\"visitorId\":\"v\"}|unknown_type",
    "{\"type\":\"hello\"}|missing_field",
    "{\"type\":\"hello\",\"visitorId\":\"\"}|invalid_field",
    "{\"type\":\"hello\",\"visitorId\":\"v 1\"}|invalid_field",
    "{\"type\":\"hello\",\"visitorId\":\"v\",\"conversationId\":5}|invalid_field",
    "{\"type\":\"hello\",\"visitorId\":\"v\",\"lastSeq\":1.5}|invalid_field",
    "{\"type\":\"hello\",\"visitorId\":\"v\",\"locale\":\"de\"}|invalid_field",
    "{\"type\":\"message\",\"text\":\"hi\"}|missing_field",
    "{\"type\":\"message\",\"clientMsgId\":\"m\"}|missing_field",
    "{\"type\":\"message\",\"clientMsgId\":\"m\",\"text\":[\"hi\"]}|invalid_field",
    "{\"type\":\"message\",\"clientMsgId\":\"m\",\"text\":\"hi\",\"payload\":{}}|invalid_field",
    "{\"type\":\"message\",\"clientMsgId\":\"m\",\"text\":\"123456789012345678901\"}|text_too_long"})
  void refuses(String raw, String expected) {
    assertEquals(expected, code(raw));
  }

  @Test
  @DisplayName("refuses a frame over the byte limit before decoding it")
  void frameTooLarge() {
    assertEquals("frame_too_large", code("{\"type\":\"typing\",\"x\":\"" + "x".repeat(1100) + "\"}"));
  }

  @Test
  @DisplayName("names the message in errors about it, so the client can drop it from its outbox")
  void errorNamesMessage() {
    ProtocolError e = assertThrows(ProtocolError.class, () -> InboundFrame.parse(
      "{\"type\":\"message\",\"clientMsgId\":\"m-9\",\"text\":\"" + "a".repeat(30) + "\"}", LIMITS));
    assertEquals("m-9", e.toFrame().getString("clientMsgId"));
  }

  @Test
  @DisplayName("reads an event frame, naming the event by its id, and refuses one without an event object")
  void event() {
    InboundFrame.Event e = assertInstanceOf(InboundFrame.Event.class, InboundFrame.parse(
      "{\"type\":\"event\",\"event\":{\"id\":\"w-1\",\"type\":\"view\"}}", LIMITS));
    assertEquals("w-1", e.id());
    assertEquals("view", e.event().getString("type"));
    assertNull(assertInstanceOf(InboundFrame.Event.class,
      InboundFrame.parse("{\"type\":\"event\",\"event\":{\"id\":\"a b\"}}", LIMITS)).id());
    assertEquals("missing_field", code("{\"type\":\"event\",\"event\":[1]}"));
    assertEquals("missing_field", code("{\"type\":\"event\"}"));
  }

  @Test
  @DisplayName("reads rating and contact frames; refuses ratings outside 1-5, long comments and non-emails")
  void ratingAndContact() {
    InboundFrame.Rating r = assertInstanceOf(InboundFrame.Rating.class, InboundFrame.parse(
      "{\"type\":\"rating\",\"rating\":4,\"comment\":\"  quick and kind  \"}", LIMITS));
    assertEquals(4, r.rating());
    assertEquals("quick and kind", r.comment());
    assertNull(assertInstanceOf(InboundFrame.Rating.class,
      InboundFrame.parse("{\"type\":\"rating\",\"rating\":1,\"comment\":\"  \"}", LIMITS)).comment());
    for (String bad : new String[] {"0", "6", "4.5", "\"5\"", "null"}) {
      assertEquals("invalid_field", code("{\"type\":\"rating\",\"rating\":" + bad + "}"), bad);
    }
    assertEquals("invalid_field", code("{\"type\":\"rating\",\"rating\":3,\"comment\":7}"));
    InboundFrame.Limits roomy = new InboundFrame.Limits(8192, 20);
    assertEquals("text_too_long", assertThrows(ProtocolError.class, () -> InboundFrame.parse(
      "{\"type\":\"rating\",\"rating\":3,\"comment\":\"" + "x".repeat(1001) + "\"}", roomy)).code());

    assertEquals("anna@example.com", assertInstanceOf(InboundFrame.Contact.class, InboundFrame.parse(
      "{\"type\":\"contact\",\"email\":\" anna@example.com \"}", LIMITS)).email());
    for (String bad : new String[] {"\"anna\"", "\"a@b\"", "\"<script>@x.io\"", "\"a b@c.io\"", "5", "null"}) {
      assertEquals("invalid_field", code("{\"type\":\"contact\",\"email\":" + bad + "}"), bad);
    }
  }
}
