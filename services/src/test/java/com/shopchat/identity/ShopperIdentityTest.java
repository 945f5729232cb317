package com.shopchat.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.identity.ShopperIdentity.Reason;
import com.shopchat.identity.ShopperIdentity.Rejected;
import com.shopchat.identity.ShopperIdentity.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Signed shopper identities")
class ShopperIdentityTest {

  private static final String SECRET = "a-test-secret-that-is-long-enough-for-hmac";
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private final ShopperIdentity identity = ShopperIdentity.create(SECRET, DAY, Clock.fixed(NOW, ZoneOffset.UTC));

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Reason reasonOf(ShopperIdentity.Verification verification) {
    return assertInstanceOf(Rejected.class, verification).reason();
  }

  @Test
  @DisplayName("accepts a token it signed, giving back the shopper and the expiry")
  void valid() {
    Instant expires = NOW.plus(Duration.ofHours(1));
    Verified verified = assertInstanceOf(Verified.class, identity.verify(identity.sign("shopper-anna", expires)));
    assertEquals("shopper-anna", verified.shopperId());
    assertEquals(expires, verified.expiresAt());
  }

  private static byte[] hmac(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  @DisplayName("reads the documented format: base64url(id).expiry.base64url(HMAC-SHA256 over the first two parts)")
  void documentedFormat() throws Exception {
    String payload = b64("shopper-anna".getBytes(StandardCharsets.UTF_8)) + "." + NOW.plusSeconds(600).getEpochSecond();
    String token = payload + "." + b64(hmac(payload));
    assertEquals(token, identity.sign("shopper-anna", NOW.plusSeconds(600)));
    assertEquals("shopper-anna", assertInstanceOf(Verified.class, identity.verify(token)).shopperId());
  }

  @Test
  @DisplayName("carries ids with dots, spaces and Chinese characters intact")
  void unusualIds() {
    for (String id : new String[] {"anna.schmidt@example.com", "李伟", "42", "a b"}) {
      assertEquals(id, assertInstanceOf(Verified.class, identity.verify(identity.sign(id, NOW.plusSeconds(60))))
        .shopperId());
    }
  }

  @Test
  @DisplayName("refuses an expired token, and one that expires this very second")
  void expired() {
    assertEquals(Reason.EXPIRED, reasonOf(identity.verify(identity.sign("shopper-anna", NOW.minusSeconds(1)))));
    assertEquals(Reason.EXPIRED, reasonOf(identity.verify(identity.sign("shopper-anna", NOW))));
  }

  @Test
  @DisplayName("refuses a token valid for longer than the maximum TTL (beyond a minute of clock leeway)")
  void tooLongLived() {
    assertEquals(Reason.TOO_LONG_LIVED,
      reasonOf(identity.verify(identity.sign("shopper-anna", NOW.plus(DAY).plusSeconds(61)))));
    assertInstanceOf(Verified.class, identity.verify(identity.sign("shopper-anna", NOW.plus(DAY).plusSeconds(60))));
  }

  @Test
  @DisplayName("refuses a token whose MAC was changed")
  void tamperedMac() {
    String token = identity.sign("shopper-anna", NOW.plusSeconds(600));
    char last = token.charAt(token.length() - 2);
    String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertEquals(Reason.BAD_SIGNATURE, reasonOf(identity.verify(tampered)));
  }

  @Test
  @DisplayName("refuses a token whose shopper id was swapped for another, or whose expiry was pushed back")
  void tamperedPayload() {
    String[] parts = identity.sign("shopper-anna", NOW.plusSeconds(600)).split("\\.");
    String otherId = b64("shopper-james".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
    assertEquals(Reason.BAD_SIGNATURE, reasonOf(identity.verify(otherId)));
    assertEquals(Reason.BAD_SIGNATURE, reasonOf(identity.verify(later)));
  }

  @Test
  @DisplayName("refuses a token signed with another secret")
  void wrongSecret() {
    ShopperIdentity other = ShopperIdentity.create("another-secret-that-is-long-enough-too!", DAY,
      Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(Reason.BAD_SIGNATURE, reasonOf(identity.verify(other.sign("shopper-anna", NOW.plusSeconds(600)))));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "c2hvcHBlcg.notanumber.AAAA", "c2hvcHBlcg..AAAA",
    "c2hvcHBlcg.1795000000.", ".1795000000.AAAA", "c2hv cHBlcg.1795000000.AAAA", "c2hvcHBlcg==.1795000000.AAAA",
    "c2hvcHBlcg.-5.AAAA", "c2hvcHBlcg.1795000000.AAAA", "c2hvcHBlcg.999999999999.AAAA"})
  @DisplayName("refuses malformed tokens without reading further")
  void malformed(String token) {
    assertEquals(Reason.MALFORMED, reasonOf(identity.verify(token)));
  }

  @Test
  @DisplayName("refuses a correctly signed token whose id is not UTF-8 text, and one too long to read")
  void malformedButSigned() throws Exception {
    String payload = b64(new byte[] {(byte) 0xff, (byte) 0xfe}) + "." + NOW.plusSeconds(60).getEpochSecond();
    assertEquals(Reason.MALFORMED, reasonOf(identity.verify(payload + "." + b64(hmac(payload)))));
    assertEquals(Reason.MALFORMED, reasonOf(identity.verify("a".repeat(ShopperIdentity.MAX_TOKEN_LENGTH + 1))));
    assertEquals(Reason.MALFORMED, reasonOf(identity.verify(null)));
  }

  @Test
  @DisplayName("with an empty secret, refuses every token and signs none")
  void emptySecretRefusesAll() {
    ShopperIdentity disabled = ShopperIdentity.create("", DAY, Clock.fixed(NOW, ZoneOffset.UTC));
    assertFalse(disabled.enabled());
    assertTrue(identity.enabled());
    assertEquals(Reason.DISABLED, reasonOf(disabled.verify(identity.sign("shopper-anna", NOW.plusSeconds(600)))));
    assertEquals(Reason.DISABLED, reasonOf(disabled.verify("")));
    assertThrows(IllegalStateException.class, () -> disabled.sign("shopper-anna", NOW.plusSeconds(600)));
  }

  @Test
  @DisplayName("signs no empty, control-character or over-long shopper id")
  void signRefusesBadIds() {
    for (String id : new String[] {"", " ", "a\nb", "x".repeat(ShopperIdentity.MAX_SHOPPER_ID + 1)}) {
      assertThrows(IllegalArgumentException.class, () -> identity.sign(id, NOW.plusSeconds(60)), id);
    }
  }

  @Test
  @DisplayName("issues tokens valid for the maximum TTL, which then verify")
  void issue() {
    ShopperIdentity.Signed signed = identity.issue("shopper-liwei");
    assertEquals(NOW.plus(DAY), signed.expiresAt());
    assertEquals("shopper-liwei", assertInstanceOf(Verified.class, identity.verify(signed.token())).shopperId());
  }

  @Test
  @DisplayName("names each reason as the error frame does")
  void reasonCodes() {
    assertEquals("bad_signature", Reason.BAD_SIGNATURE.code());
    assertEquals("too_long_lived", Reason.TOO_LONG_LIVED.code());
  }
}
