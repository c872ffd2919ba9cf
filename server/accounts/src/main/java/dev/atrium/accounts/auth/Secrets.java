package dev.atrium.accounts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * High-entropy bearer secrets (API keys, invitation tokens) and their SHA-256 hashes, which are all
 * the database ever holds. A fast hash is right here: the secrets have 256 random bits, so there is
 * nothing to brute-force, and authentication stays cheap.
 */
public final class Secrets {
  /** Every API key starts with this, so leaked keys are easy to scan for. */
  public static final String KEY_PREFIX = "atr_";

  /** How many leading characters of a key are kept and shown: {@code atr_} plus 8. */
  public static final int VISIBLE_PREFIX_LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String newApiKey() {
    return KEY_PREFIX + randomToken();
  }

  /** 32 random bytes, base64url without padding (43 characters). */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String visiblePrefix(String key) {
    return key.substring(0, VISIBLE_PREFIX_LENGTH);
  }

  public static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
