package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host's copies of served tabular models, one file per distinct model named by the SHA-256 of
 * its bytes: the same bytes give the same file (so a second registration shares the loaded model)
 * and different bytes a different one (so a taken id is refused).
 */
public final class ModelFiles {

  private final Path dir;

  public ModelFiles(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
  }

  /** The file holding {@code bytes}, written (atomically) unless it exists. Blocks. */
  public Path store(byte[] bytes) throws IOException {
    Path file = dir.resolve(sha256(bytes) + "." + Boosters.FORMAT);
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
      return file;
    }
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, "partial-", ".tmp");
    try {
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
