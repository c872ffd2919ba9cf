package dev.atrium.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.SdkVersion;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit refuses, with the server's codes and messages, what the server would refuse at
 * install: a plugin's build output using a forbidden API, or whose {@code plugin.requires} does not
 * accept this SDK; a clean one starts.
 */
final class HostChecksTest {
  private static final String COMPATIBLE = ">=" + SdkVersion.CURRENT.major() + ".0.0";

  @Test
  void forbiddenApisInTheBuildOutputAreRefusedLikeOnTheServer(@TempDir Path dir) throws Exception {
    Class<? extends AtriumPlugin> plugin = build(dir, "System.exit(3); return null;", COMPATIBLE);
    try (TestingPluginContext context = new TestingPluginContext("exiting")) {
      assertThatThrownBy(() -> PluginUnderTest.start(context, plugin))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(forbidden_api)")
          .hasMessageContaining("built.BuiltPlugin.lambda$routes$0 uses java.lang.System.exit");
    }
  }

  @Test
  void aRequiresRangeWithoutThisSdkIsRefused(@TempDir Path dir) throws Exception {
    Class<? extends AtriumPlugin> plugin = build(dir, "return null;", ">=99.0.0");
    try (TestingPluginContext context = new TestingPluginContext("future")) {
      assertThatThrownBy(() -> PluginUnderTest.start(context, plugin))
          .hasMessageContaining("(incompatible_sdk)")
          .hasMessageContaining(">=99.0.0");
    }
  }

  @Test
  void aCleanPluginStarts(@TempDir Path dir) throws Exception {
    Class<? extends AtriumPlugin> plugin =
        build(
            dir,
            "return io.vertx.core.Future.succeededFuture(PluginResponse.text(\"ok\"));",
            COMPATIBLE);
    try (TestingPluginContext context = new TestingPluginContext("clean");
        PluginUnderTest<? extends AtriumPlugin> started = PluginUnderTest.start(context, plugin)) {
      assertThat(started.get("/go", TestingPluginContext.newTenantId()).body().toString())
          .isEqualTo("ok");
    }
  }

  /** Compiles a plugin whose {@code GET /go} runs {@code body}, with its plugin.properties. */
  private static Class<? extends AtriumPlugin> build(Path dir, String body, String requires)
      throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/built"));
    Files.writeString(
        sources.resolve("BuiltPlugin.java"),
        """
        package built;

        import dev.atrium.plugin.api.*;

        public final class BuiltPlugin implements AtriumPlugin {
          public BuiltPlugin(PluginContext context) {}

          @Override
          public void routes(PluginRoutes routes) {
            routes.get("/go", RouteDoc.of("Go"), request -> { %s });
          }
        }
        """
            .formatted(body));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(
        classes.resolve("plugin.properties"),
        "plugin.id=built\nplugin.version=1.0.0\nplugin.class=built.BuiltPlugin\nplugin.requires="
            + requires
            + "\n");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                errors,
                errors,
                "--release",
                "21",
                "-proc:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                sources.resolve("BuiltPlugin.java").toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, AtriumPlugin.class.getClassLoader());
    return loader.loadClass("built.BuiltPlugin").asSubclass(AtriumPlugin.class);
  }
}
