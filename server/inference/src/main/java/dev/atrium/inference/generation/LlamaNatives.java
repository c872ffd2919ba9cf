package dev.atrium.inference.generation;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads llama.cpp's native library once per JVM. The library unpacks itself into one fixed file in
 * the temporary directory and deletes what it finds there first, so two JVMs starting at once (a
 * test run beside a server) break each other's load: each JVM unpacks into a directory of its own
 * instead, removed as soon as the library is mapped. Native log lines go to SLF4J at debug.
 */
public final class LlamaNatives {

  private static final Logger NATIVE = LoggerFactory.getLogger("llama.cpp");
  private static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

  static {
    Path dir = null;
    if (System.getProperty(TMPDIR_PROPERTY) == null) {
      try {
        dir = Files.createTempDirectory("atrium-llama-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack llama.cpp's native library", e);
      }
      System.setProperty(TMPDIR_PROPERTY, dir.toString());
    }
    LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> NATIVE.debug(message.strip()));
    if (dir != null) {
      deleteQuietly(dir);
    }
  }

  private LlamaNatives() {}

  /** Makes sure the library is loaded (the first call loads it). */
  public static void load() {
    // The static initialiser did the work.
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      NATIVE.debug("could not remove {}: {}", dir, e.toString());
    }
  }
}
