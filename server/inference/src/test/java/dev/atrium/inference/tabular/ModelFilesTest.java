package dev.atrium.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file per distinct model, kept while a registration of it may still be loading. */
final class ModelFilesTest {

  @TempDir Path dir;

  @Test
  void sameBytesShareAFileThatTheLastReleaseDeletes() throws Exception {
    ModelFiles files = new ModelFiles(dir.resolve("models"));
    byte[] model = {1, 2, 3};

    Path first = files.store(model);
    Path second = files.store(model.clone());
    Path other = files.store(new byte[] {4, 5});

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first.getFileName().toString())
        .isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81.ubj");
    assertThat(Files.readAllBytes(first)).containsExactly(1, 2, 3);

    files.release(first);
    assertThat(first).exists();
    files.release(second);
    assertThat(first).doesNotExist();
    assertThat(other).exists();
    files.release(other);
    assertThat(dir.resolve("models")).isEmptyDirectory();
  }
}
