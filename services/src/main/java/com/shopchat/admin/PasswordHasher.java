package com.shopchat.admin;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Staff passwords as PBKDF2-HMAC-SHA512 with a random 16-byte salt, through vertx-auth-common's
 * {@link HashingStrategy} (no extra dependency; Argon2 and BCrypt would need a jar of their own), stored as the
 * PHC-style string {@code $pbkdf2$it=210000$salt$hash}. 210,000 iterations is OWASP's 2023 figure for this PRF.
 * Both methods take a few hundred milliseconds of CPU on purpose: call them on a worker thread.
 */
public final class PasswordHasher {

  static final int ITERATIONS = 210_000;

  private final HashingStrategy strategy = HashingStrategy.load();
  private final SecureRandom random = new SecureRandom();
  // Verified against when the email is unknown, so that answer takes as long as a wrong password does.
  private volatile String decoy;

  /** Computes the decoy hash now (blocking), so the first sign-in with an unknown email does not pay for it. */
  public void prepare() {
    decoy();
  }

  private String decoy() {
    String made = decoy;
    if (made == null) {
      synchronized (this) {
        if (decoy == null) {
          decoy = hash("decoy password that no account has");
        }
        made = decoy;
      }
    }
    return made;
  }

  /** A fresh hash of {@code password}. Blocking. */
  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String encodedSalt = Base64.getEncoder().withoutPadding().encodeToString(salt);
    return strategy.hash("pbkdf2", Map.of("it", String.valueOf(ITERATIONS)), encodedSalt, password);
  }

  /** Whether {@code password} matches {@code hash}; a {@code null} hash (no such user) never matches. Blocking. */
  public boolean verify(String hash, String password) {
    boolean matches = strategy.verify(hash == null ? decoy() : hash, password);
    return hash != null && matches;
  }
}
