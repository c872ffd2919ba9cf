package dev.atrium.app;

import dev.atrium.accounts.auth.Secrets;
import dev.atrium.config.AtriumConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory: the embedded database and the server's own secrets live here. */
final class DataDir {
  private DataDir() {}

  static Path prepare(AtriumConfig config) {
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + dir.toAbsolutePath(), e);
    }
    return dir;
  }

  /** The configured JWT secret, or one generated on first start and kept in the data dir. */
  static String jwtSecret(AtriumConfig config) {
    String configured = config.string("auth.jwt-secret");
    if (!configured.isBlank()) {
      return configured;
    }
    Path file = config.dataDir().resolve("jwt-secret");
    try {
      if (!Files.exists(file)) {
        Files.writeString(
            file, Secrets.randomToken() + Secrets.randomToken(), StandardCharsets.UTF_8);
        restrictToOwner(file);
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file.toAbsolutePath(), e);
    }
  }

  static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing finer to set.
    }
  }
}
