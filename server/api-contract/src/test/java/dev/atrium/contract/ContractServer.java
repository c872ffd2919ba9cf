package dev.atrium.contract;

import dev.atrium.app.AtriumServer;
import dev.atrium.config.AtriumConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real server for the contract test on a free loopback port with its bundled models: the dev
 * profile with the billing test clock, so that a month can be closed and its invoices called, and
 * and the archives of the bundled plugins that this build packaged (copied to {@code
 * target/plugin-archives} by the POM), which the test installs through the operator API.
 */
final class ContractServer {
  static final String OPERATOR = "operator@contract.test";
  static final String PASSWORD = "operator password";

  private ContractServer() {}

  static AtriumServer start() {
    try {
      return AtriumServer.start(
          AtriumConfig.of(
              Map.of(
                  "profile",
                  "dev",
                  "billing.test-clock",
                  "true",
                  "plugins.bundled-dir",
                  "",
                  "http.host",
                  "127.0.0.1",
                  "http.port",
                  "0",
                  "data.dir",
                  Files.createTempDirectory("api-contract").toString(),
                  "operator.email",
                  OPERATOR,
                  "operator.password",
                  PASSWORD)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packaged archives of the bundled plugins. */
  static List<Path> pluginArchives() {
    try (Stream<Path> files = Files.list(Path.of("target", "plugin-archives"))) {
      return files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
