package dev.atrium.accounts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (OWASP's baseline: 19 MiB, 2 passes, 1 lane), stored in the PHC string
 * format so parameters can be raised later without breaking old hashes. Slow by design: call it off
 * the event loop.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final String decoy;

  public PasswordHasher() {
    this.decoy = hash("decoy password used to equalise timing");
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            MEMORY_KIB,
            ITERATIONS,
            PARALLELISM,
            B64.encodeToString(salt),
            B64.encodeToString(hash));
  }

  /** True when {@code password} matches {@code encoded}; false for any malformed hash. */
  public boolean verify(String password, String encoded) {
    String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
    if (parts.length != 6 || !"argon2id".equals(parts[1])) {
      return false;
    }
    try {
      int memory = 0, iterations = 0, parallelism = 0;
      for (String param : parts[3].split(",")) {
        String[] kv = param.split("=");
        switch (kv[0]) {
          case "m" -> memory = Integer.parseInt(kv[1]);
          case "t" -> iterations = Integer.parseInt(kv[1]);
          case "p" -> parallelism = Integer.parseInt(kv[1]);
          default -> {
            return false;
          }
        }
      }
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual =
          derive(password, B64D.decode(parts[4]), memory, iterations, parallelism, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time a real verification takes, so unknown e-mails are not told apart. */
  public void verifyDecoy(String password) {
    verify(password, decoy);
  }

  private static byte[] derive(
      String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memory)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
