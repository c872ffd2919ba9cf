package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The files the pool loads tabular models from, one per distinct model named by the SHA-256 of its
 * bytes: the same bytes give the same file (so a second registration shares the loaded model) and
 * different bytes a different one (so a taken id is refused). A loaded model keeps its bytes in
 * memory, so a file is needed only while registrations of it are loading: each {@link #store} is
 * followed by one {@link #release}, and the last release deletes the file.
 */
public final class ModelFiles {

  private final Path dir;
  private final Map<Path, Integer> users = new HashMap<>();

  public ModelFiles(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
  }

  /** The file holding {@code bytes}, written (atomically) unless it exists. Blocks. */
  public synchronized Path store(byte[] bytes) throws IOException {
    Path file = dir.resolve(sha256(bytes) + "." + Boosters.FORMAT);
    if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
      write(file, bytes);
    }
    users.merge(file, 1, Integer::sum);
    return file;
  }

  /** Gives back one {@link #store} of {@code file}; the last one deletes it. Blocks. */
  public synchronized void release(Path file) throws IOException {
    Integer left = users.computeIfPresent(file, (f, n) -> n == 1 ? null : n - 1);
    if (left == null) {
      Files.deleteIfExists(file);
    }
  }

  private void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, "partial-", ".tmp");
    try {
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
