package dev.atrium.inference.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a model's files are: {@code classpath:<name>} (a jar on the classpath, files at its root)
 * or {@code file:<dir>/<name>}. A file is opened by suffix, e.g. {@code .onnx} or {@code
 * -tokenizer.json}.
 */
public record ArtifactSource(String artifact) {

  private static final String CLASSPATH = "classpath:";
  private static final String FILE = "file:";

  public ArtifactSource {
    if (!artifact.startsWith(CLASSPATH) && !artifact.startsWith(FILE)) {
      throw new CatalogConfigException(
          "artifact '" + artifact + "' must start with classpath: or file:");
    }
  }

  public InputStream open(String suffix) throws IOException {
    if (artifact.startsWith(CLASSPATH)) {
      String resource = artifact.substring(CLASSPATH.length()) + suffix;
      InputStream in = ArtifactSource.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new FileNotFoundException("no classpath resource '" + resource + "'");
      }
      return in;
    }
    return Files.newInputStream(Path.of(artifact.substring(FILE.length()) + suffix));
  }

  /**
   * The artifact as a file on disk, for engines that only read files: the file itself, or a
   * classpath resource copied to a temporary file that is deleted when the JVM exits.
   */
  public Path file(String suffix) throws IOException {
    if (artifact.startsWith(FILE)) {
      Path path = Path.of(artifact.substring(FILE.length()) + suffix);
      if (!Files.isRegularFile(path)) {
        throw new FileNotFoundException("no model file '" + path + "'");
      }
      return path;
    }
    Path copy = Files.createTempFile("atrium-model-", suffix.isEmpty() ? ".bin" : suffix);
    copy.toFile().deleteOnExit();
    try (InputStream in = open(suffix)) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }
}
