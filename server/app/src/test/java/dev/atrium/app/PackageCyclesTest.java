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
 * The packages of the server's modules import each other without a cycle (see
 * docs/architecture.md), read from the sources' imports: a line of code can tell which room it
 * lives in. Maven already refuses a cycle between modules; this guards the packages within them.
 */
final class PackageCyclesTest {
  /** The server's modules, from the leaf up to the one that wires them. */
  private static final List<String> MODULES =
      List.of("shared", "http", "accounts", "billing-http", "inference-http", "host", "app");

  private static final Pattern PACKAGE =
      Pattern.compile("^package ([a-z][a-z0-9.]*);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(dev\\.atrium(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void noPackageOfTheServerReachesItselfThroughItsImports() throws IOException {
    Map<String, Set<String>> imports = imports();
    assertThat(imports)
        .containsKeys(
            "dev.atrium.http",
            "dev.atrium.accounts.auth",
            "dev.atrium.billing.http",
            "dev.atrium.host",
            "dev.atrium.shared");
    for (String start : imports.keySet()) {
      assertThat(reachable(imports, start))
          .as("packages reachable from " + start)
          .doesNotContain(start);
    }
  }

  @Test
  void theSharedLeafImportsNoOtherPackageOfTheServer() throws IOException {
    Map<String, Set<String>> imports = imports();
    for (String leaf : List.of("dev.atrium.shared", "dev.atrium.config", "dev.atrium.db")) {
      assertThat(imports.get(leaf)).as(leaf).isSubsetOf("dev.atrium.shared");
    }
  }

  /** For each package of the server's modules, the packages of those modules it imports. */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> imports = new HashMap<>();
    for (String module : MODULES) {
      Path sources = Path.of("..", module, "src/main/java");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).toList();
      }
      for (Path file : files) {
        String text = Files.readString(file);
        Matcher p = PACKAGE.matcher(text);
        assertThat(p.find()).as("package line of " + file).isTrue();
        Set<String> to = imports.computeIfAbsent(p.group(1), k -> new HashSet<>());
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          if (!m.group(1).equals(p.group(1))) {
            to.add(m.group(1));
          }
        }
      }
    }
    imports.values().forEach(to -> to.retainAll(imports.keySet()));
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
