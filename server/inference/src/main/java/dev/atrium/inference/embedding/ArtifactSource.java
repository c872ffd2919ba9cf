package dev.atrium.inference.embedding;

import dev.atrium.inference.catalog.CatalogConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model's files are: {@code classpath:<name>} (a jar on the classpath, files at its root)
 * or {@code file:<dir>/<name>}. A file is opened by suffix, e.g. {@code .onnx} or {@code
 * -tokenizer.json}.
 */
record ArtifactSource(String artifact) {

  private static final String CLASSPATH = "classpath:";
  private static final String FILE = "file:";

  ArtifactSource {
    if (!artifact.startsWith(CLASSPATH) && !artifact.startsWith(FILE)) {
      throw new CatalogConfigException(
          "artifact '" + artifact + "' must start with classpath: or file:");
    }
  }

  InputStream open(String suffix) throws IOException {
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
}
