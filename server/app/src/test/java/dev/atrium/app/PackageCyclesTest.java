package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the server module import each other without a cycle (see docs/architecture.md),
 * read from the sources' imports: a line of code can tell which room it lives in.
 */
final class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/atrium/app");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.atrium\\.app\\.([a-z][a-z0-9]*)\\.", Pattern.MULTILINE);

  @Test
  void noPackageOfTheServerReachesItselfThroughItsImports() throws IOException {
    Map<String, Set<String>> imports = imports();
    assertThat(imports).containsKeys("http", "auth", "billing", "plugins", "shared");
    for (String start : imports.keySet()) {
      assertThat(reachable(imports, start))
          .as("packages reachable from " + start)
          .doesNotContain(start);
    }
  }

  @Test
  void theSharedPackageImportsNoOtherPackageOfTheServer() throws IOException {
    assertThat(imports().get("shared")).isEmpty();
  }

  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> imports = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      Path dir = SOURCES.relativize(file.getParent());
      String from = dir.toString().isEmpty() ? "(root)" : dir.getName(0).toString();
      Set<String> to = imports.computeIfAbsent(from, k -> new HashSet<>());
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        if (!m.group(1).equals(from)) {
          to.add(m.group(1));
        }
      }
    }
    return imports;
  }

  private static Set<String> reachable(Map<String, Set<String>> imports, String start) {
    Set<String> seen = new HashSet<>();
    Deque<String> next = new ArrayDeque<>(imports.getOrDefault(start, Set.of()));
    while (!next.isEmpty()) {
      String p = next.pop();
      if (seen.add(p)) {
        next.addAll(imports.getOrDefault(p, Set.of()));
      }
    }
    return seen;
  }
}
