package com.shopchat.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed shopper identities: the shop's backend vouches for a signed-in shopper with a token the page hands the
 * widget, {@code base64url(shopperId) "." expiryEpochSeconds "." base64url(HMAC-SHA256(secret, first two parts))}
 * (docs/protocol.md). {@link #verify} checks it against the shared secret and the clock; {@link #sign} makes one
 * (the demo's sign-in and the tests). With an empty secret every token is refused.
 */
public final class ShopperIdentity {

  /** Longest shopper id a token may carry, in characters. */
  public static final int MAX_SHOPPER_ID = 128;
  /** Longest token read at all; anything longer is malformed without being decoded. */
  public static final int MAX_TOKEN_LENGTH = 512;
  // The shop's clock and ours differ a little; a token may outlive the maximum TTL by this much.
  private static final Duration CLOCK_LEEWAY = Duration.ofSeconds(60);
  private static final String HMAC = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,11}");

  private final SecretKeySpec key;
  private final Duration maxTtl;
  private final Clock clock;

  private ShopperIdentity(String secret, Duration maxTtl, Clock clock) {
    this.key = secret.isEmpty() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.maxTtl = maxTtl;
    this.clock = clock;
  }

  /**
   * Verifies and signs with {@code secret} (empty: refuse every token); tokens may not expire more than
   * {@code maxTtl} from now, so a leaked one is useful for a bounded time.
   */
  public static ShopperIdentity create(String secret, Duration maxTtl, Clock clock) {
    if (secret == null) {
      throw new IllegalArgumentException("secret must not be null; use \"\" to refuse every token");
    }
    if (maxTtl.isNegative() || maxTtl.isZero()) {
      throw new IllegalArgumentException("maxTtl must be positive, got " + maxTtl);
    }
    return new ShopperIdentity(secret, maxTtl, clock);
  }

  /** Whether this server accepts identities at all (a secret is configured). */
  public boolean enabled() {
    return key != null;
  }

  /** The longest a token may still be valid for. */
  public Duration maxTtl() {
    return maxTtl;
  }

  /** Why a token was refused; {@link #code()} is what the {@code identity_rejected} error frame names. */
  public enum Reason {
    DISABLED, MALFORMED, BAD_SIGNATURE, EXPIRED, TOO_LONG_LIVED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The outcome of {@link #verify}. */
  public sealed interface Verification permits Verified, Rejected {}

  /** A genuine, unexpired token for this shopper. */
  public record Verified(String shopperId, Instant expiresAt) implements Verification {}

  /** A refused token, with why, in words fit for the client (never the secret, never the expected MAC). */
  public record Rejected(Reason reason, String message) implements Verification {}

  /** A token and when it stops being accepted. */
  public record Signed(String token, Instant expiresAt) {}

  /** Checks the token's shape, then its MAC (in constant time), then its expiry. */
  public Verification verify(String token) {
    if (key == null) {
      return new Rejected(Reason.DISABLED, "this chat server accepts no shopper identities (no SHOP_IDENTITY_SECRET)");
    }
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return malformed("a token is at most " + MAX_TOKEN_LENGTH + " characters");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !BASE64URL.matcher(parts[0]).matches() || !EPOCH_SECONDS.matcher(parts[1]).matches()
      || !BASE64URL.matcher(parts[2]).matches()) {
      return malformed("expected base64url(shopperId).expiryEpochSeconds.base64url(mac)");
    }
    byte[] givenMac = decode(parts[2]);
    if (givenMac == null || givenMac.length != MAC_BYTES) {
      return malformed("the MAC is not 32 bytes of base64url");
    }
    if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), givenMac)) {
      return new Rejected(Reason.BAD_SIGNATURE, "the token's signature does not match; it was altered or signed with"
        + " another secret");
    }
    String shopperId = shopperId(decode(parts[0]));
    if (shopperId == null) {
      return malformed("the shopper id is not 1-" + MAX_SHOPPER_ID + " characters of UTF-8 text");
    }
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      return new Rejected(Reason.EXPIRED, "the token expired at " + expiresAt + "; ask the shop for a fresh one");
    }
    if (expiresAt.isAfter(now.plus(maxTtl).plus(CLOCK_LEEWAY))) {
      return new Rejected(Reason.TOO_LONG_LIVED, "the token is valid until " + expiresAt + "; this server accepts at"
        + " most " + maxTtl.toSeconds() + " seconds ahead");
    }
    return new Verified(shopperId, expiresAt);
  }

  /** A token for this shopper that expires at {@code expiresAt}. */
  public String sign(String shopperId, Instant expiresAt) {
    if (key == null) {
      throw new IllegalStateException("no secret configured: this server signs no identities");
    }
    if (shopperId == null || shopperId(shopperId.getBytes(StandardCharsets.UTF_8)) == null) {
      throw new IllegalArgumentException("a shopper id is 1-" + MAX_SHOPPER_ID + " characters without control characters");
    }
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(shopperId.getBytes(StandardCharsets.UTF_8))
      + "." + expiresAt.getEpochSecond();
    return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(payload));
  }

  /** A token for this shopper valid for the longest time this server accepts. */
  public Signed issue(String shopperId) {
    Instant expiresAt = clock.instant().plus(maxTtl);
    return new Signed(sign(shopperId, expiresAt), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
  }

  private byte[] mac(String payload) {
    try {
      // A Mac is not thread-safe, and one per call costs microseconds: no pooling.
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  private static byte[] decode(String base64url) {
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The id when the bytes are well-formed UTF-8 of the allowed length without control characters, else null. */
  private static String shopperId(byte[] utf8) {
    if (utf8 == null || utf8.length == 0) {
      return null;
    }
    String id;
    try {
      // A strict decoder: malformed UTF-8 is refused, not replaced with U+FFFD.
      id = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int length = id.codePointCount(0, id.length());
    boolean control = id.codePoints().anyMatch(Character::isISOControl);
    return length <= MAX_SHOPPER_ID && !control && !id.isBlank() ? id : null;
  }

  private static Rejected malformed(String why) {
    return new Rejected(Reason.MALFORMED, "the identity token is malformed: " + why);
  }
}
