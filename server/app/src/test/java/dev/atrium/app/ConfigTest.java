package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigTest {

  @Test
  void environmentOverridesEveryKey() {
    AtriumConfig config =
        AtriumConfig.load(
            Map.of(
                "ATRIUM_HTTP_PORT",
                "9999",
                "ATRIUM_DATA_DIR",
                "/tmp/x",
                "ATRIUM_HTTP_BODY_LIMIT",
                "10"));
    assertThat(config.integer("http.port")).isEqualTo(9999);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(config.integer("http.body-limit")).isEqualTo(10);
    assertThat(AtriumConfig.environmentName("db.pool-size")).isEqualTo("ATRIUM_DB_POOL_SIZE");
  }

  @Test
  void aConfigFileSitsBetweenDefaultsAndEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("atrium.properties");
    Files.writeString(file, "http.port=7000\nprofile=prod\n");
    AtriumConfig config =
        AtriumConfig.load(Map.of("ATRIUM_CONFIG", file.toString(), "ATRIUM_HTTP_PORT", "7001"));
    assertThat(config.integer("http.port")).isEqualTo(7001);
    assertThat(config.isDevProfile()).isFalse();
  }

  @Test
  void unknownKeysAndMalformedNumbersAreRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("atrium.properties");
    Files.writeString(file, "http.prot=7000\n");
    assertThatThrownBy(() -> AtriumConfig.load(Map.of("ATRIUM_CONFIG", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.prot");
    AtriumConfig config = AtriumConfig.load(Map.of("ATRIUM_HTTP_PORT", "eighty"));
    assertThatThrownBy(() -> config.integer("http.port"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ATRIUM_HTTP_PORT");
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String docs = Files.readString(Path.of("../../docs/configuration.md"));
    for (String key : AtriumConfig.defaults().keySet()) {
      assertThat(docs)
          .as(key)
          .contains("`" + key + "`")
          .contains("`" + AtriumConfig.environmentName(key) + "`");
    }
  }
}
