package dev.atrium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories for a benchmark's databases, servers and files, deleted when the JVM exits:
 * a billing run writes gigabytes, and a machine that runs benchmarks for a while must not fill its
 * disk with them. A server a benchmark started has exited by then ({@link ServerProcess#close}).
 */
final class ScratchDirectories {
  private static final List<Path> created = new ArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ScratchDirectories::deleteAll, "atrium-bench-scratch"));
  }

  private ScratchDirectories() {}

  /** A new empty directory named {@code prefix...} in the system's temporary directory. */
  static synchronized Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      created.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void deleteAll() {
    for (Path dir : created) {
      try (Stream<Path> tree = Files.walk(dir)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | UncheckedIOException e) {
        System.err.println("could not delete " + dir + ": " + e);
      }
    }
  }
}
