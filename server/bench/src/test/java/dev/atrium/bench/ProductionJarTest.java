package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.Main;
import dev.atrium.inference.InferencePool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's jars carry no benchmark and no test-only helper: those live here, in the module
 * {@code ./atrium bench} runs, and in test sources.
 */
final class ProductionJarTest {

  @Test
  void theServerJarHoldsNoBenchmarkOrTestHelper() throws IOException, URISyntaxException {
    List<String> classes = classesOf(Main.class);
    assertThat(classes).contains("dev/atrium/app/Main.class");
    assertThat(classes)
        .filteredOn(ProductionJarTest::isBenchOrTestOnly)
        .as("bench or test-only classes in " + origin(Main.class))
        .isEmpty();
  }

  @Test
  void theInferenceJarHoldsNoBenchmark() throws IOException, URISyntaxException {
    List<String> classes = classesOf(InferencePool.class);
    assertThat(classes).isNotEmpty();
    assertThat(classes).filteredOn(ProductionJarTest::isBenchOrTestOnly).isEmpty();
  }

  private static boolean isBenchOrTestOnly(String entry) {
    return entry.contains("/bench/")
        || entry.matches(".*/[A-Za-z]*Bench[A-Za-z]*(\\$.*)?\\.class")
        || entry.endsWith("/PluginArchiveBuilder.class");
  }

  /** The class files of the jar (or, in an IDE, the classes folder) a class was loaded from. */
  private static List<String> classesOf(Class<?> type) throws IOException, URISyntaxException {
    Path origin = origin(type);
    if (Files.isDirectory(origin)) {
      try (Stream<Path> files = Files.walk(origin)) {
        return files
            .map(f -> origin.relativize(f).toString().replace('\\', '/'))
            .filter(name -> name.endsWith(".class"))
            .toList();
      }
    }
    try (JarFile jar = new JarFile(origin.toFile())) {
      return jar.stream().map(e -> e.getName()).filter(name -> name.endsWith(".class")).toList();
    }
  }

  private static Path origin(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
