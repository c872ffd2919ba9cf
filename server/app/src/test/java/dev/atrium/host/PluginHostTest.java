package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.db.Db;
import dev.atrium.host.testplugins.ProbePlugin;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.persistence.Database;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.runtime.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host without HTTP: refusals, class-loader isolation, and unload leaving nothing behind. */
final class PluginHostTest {

  /** A host on a fresh H2 database in {@code dir}, with no inference models. */
  private record Fixture(Vertx vertx, Database database, Db db, PluginHost host)
      implements AutoCloseable {
    static Fixture start(Path dir, long maxArchiveBytes) {
      return start(dir, maxArchiveBytes, Optional.empty());
    }

    static Fixture start(Path dir, long maxArchiveBytes, Optional<Path> bundled) {
      return start(
          new PluginHost.Options(
              dir.resolve("plugins"), bundled, maxArchiveBytes, Duration.ofSeconds(2), 8),
          dir);
    }

    static Fixture start(PluginHost.Options options, Path dir) {
      Vertx vertx = Vertx.vertx();
      Database database = Database.open(Database.embeddedUrl(dir), "", "", 2);
      Db db = new Db(vertx, database);
      PluginServices services =
          new PluginServices(
              db,
              dir,
              new NoInference(),
              new NoInference(),
              plugin ->
                  definition ->
                      Future.failedFuture(
                          new dev.atrium.plugin.api.inference.InferenceFailedException(
                              "no models in this fixture", null)),
              usage -> Future.succeededFuture(),
              1 << 20);
      PluginHost host = new PluginHost(options, services, new OpenApiDocument("test"), dir);
      host.loadAll();
      return new Fixture(vertx, database, db, host);
    }

    @Override
    public void close() {
      host.close();
      db.close();
      vertx.close().await();
      database.close();
    }
  }

  /** Models are not needed here. */
  private static final class NoInference implements InferenceClient, ModelCatalog {
    @Override
    public <R extends InferenceResult> Future<R> submit(
        InferenceRequest<R> request, Future<?> cancelWhen) {
      return Future.failedFuture(new UnsupportedOperationException("no models in this test"));
    }

    @Override
    public List<ModelInfo> models() {
      return List.of();
    }
  }

  @Test
  void refusesBadArchivesNamingTheRule(@TempDir Path dir) throws Exception {
    try (Fixture f = Fixture.start(dir, 200_000)) {
      Path notZip = Files.writeString(dir.resolve("x.zip"), "not a zip at all");
      assertRefused(f, notZip, "not_a_zip");

      Path slip =
          base("slip")
              .entry("classes/../../evil.txt", "x".getBytes(StandardCharsets.UTF_8))
              .writeTo(dir.resolve("slip.zip"));
      assertRefused(f, slip, "unsafe_path");
      Path absolute =
          base("absolute").entry("/etc/evil", new byte[1]).writeTo(dir.resolve("abs.zip"));
      assertRefused(f, absolute, "unsafe_path");

      Path missing =
          new PluginArchiveBuilder()
              .addClass(ProbePlugin.class)
              .writeTo(dir.resolve("missing.zip"));
      assertRefused(f, missing, "missing_descriptor");

      Path badId =
          new PluginArchiveBuilder()
              .descriptor("Bad_Id", "1.0.0", ProbePlugin.class.getName(), TestPlugins.COMPATIBLE)
              .writeTo(dir.resolve("bad-id.zip"));
      assertRefused(f, badId, "invalid_descriptor");
      Path noClass =
          new PluginArchiveBuilder()
              .entry(
                  PluginManifest.FILE,
                  "plugin.id=noclass\nplugin.version=1.0.0\nplugin.requires=>=1.0.0\n"
                      .getBytes(StandardCharsets.ISO_8859_1))
              .writeTo(dir.resolve("no-class.zip"));
      assertRefused(f, noClass, "invalid_descriptor");

      Path future =
          new PluginArchiveBuilder()
              .descriptor("future", "1.0.0", ProbePlugin.class.getName(), ">=99.0.0")
              .addClass(ProbePlugin.class)
              .writeTo(dir.resolve("future.zip"));
      assertRefused(f, future, "incompatible_sdk");

      Path wrongClass =
          new PluginArchiveBuilder()
              .descriptor("wrong", "1.0.0", "com.example.Missing", TestPlugins.COMPATIBLE)
              .writeTo(dir.resolve("wrong.zip"));
      assertRefused(f, wrongClass, "plugin_failed_to_start");

      Path big =
          base("big").entry("lib/big.bin", randomBytes(300_000)).writeTo(dir.resolve("big.zip"));
      assertRefused(f, big, "archive_too_large");

      f.host().install(TestPlugins.probe("1.0.0"));
      assertRefused(f, TestPlugins.probe("1.0.1"), "plugin_exists");
      assertThat(f.host().plugins()).extracting(p -> p.manifest().id()).containsExactly("probe");
      assertThat(dir.resolve("evil.txt")).doesNotExist();
    }
  }

  @Test
  void aPluginSeesOnlyTheSdkVertxSlf4jAndTheJdk(@TempDir Path dir) {
    try (Fixture f = Fixture.start(dir, 1 << 20)) {
      f.host().install(TestPlugins.probe("1.0.0"));
      JsonObject seen = call(f.host(), "/host-classes").body().toJsonObject();
      assertThat(seen.getMap())
          .containsEntry("dev.atrium.app.Main", "ClassNotFoundException")
          .containsEntry("org.jooq.DSLContext", "ClassNotFoundException")
          .containsEntry("org.pf4j.Plugin", "ClassNotFoundException")
          .containsEntry("com.zaxxer.hikari.HikariDataSource", "ClassNotFoundException")
          .containsEntry("dev.atrium.plugin.api.AtriumPlugin", "visible")
          .containsEntry("io.vertx.core.json.JsonObject", "visible")
          .containsEntry("org.slf4j.Logger", "visible");
      ClassLoader pluginLoader = f.host().plugin("probe").orElseThrow().classLoader();
      assertThat(pluginLoader).isNotSameAs(getClass().getClassLoader());
    }
  }

  @Test
  void uninstallLeavesNoClassLoaderBehind(@TempDir Path dir) throws Exception {
    try (Fixture f = Fixture.start(dir, 1 << 20)) {
      WeakReference<ClassLoader> loader = installAndUse(f.host(), "1.0.0");
      assertThat(f.host().uninstall("probe")).isTrue();
      awaitCollected(loader);
      assertThat(dir.resolve("plugin-work")).isEmptyDirectory();
      assertThat(dir.resolve("plugins").resolve("probe.zip")).doesNotExist();
    }
  }

  @Test
  void upgradeUnloadsTheOldVersion(@TempDir Path dir) throws Exception {
    try (Fixture f = Fixture.start(dir, 1 << 20)) {
      WeakReference<ClassLoader> v1 = installAndUse(f.host(), "1.0.0");
      f.host().upgrade("probe", TestPlugins.probe("2.0.0")).orElseThrow();
      assertThat(call(f.host(), "/slow").body().toJsonObject().getString("version"))
          .isEqualTo("2.0.0");
      awaitCollected(v1);
    }
  }

  @Test
  void theNewestBundledVersionLoadsAndADowngradeNeedsTheFlag(@TempDir Path dir) throws Exception {
    Path target = Files.createDirectories(dir.resolve("bundled/probe/target"));
    for (String version : List.of("1.0.0", "1.9.0", "1.10.0")) {
      Files.move(TestPlugins.probe(version), target.resolve("probe-" + version + ".zip"));
    }
    try (Fixture f = Fixture.start(dir, 1 << 20, Optional.of(dir.resolve("bundled")))) {
      assertThat(f.host().plugin("probe").orElseThrow().manifest().version()).isEqualTo("1.10.0");
      assertThat(f.host().refusals()).isEmpty();

      assertThatThrownBy(() -> f.host().upgrade("probe", TestPlugins.probe("1.9.0")))
          .isInstanceOfSatisfying(
              PluginRefusedException.class,
              e -> {
                assertThat(e.code()).isEqualTo("downgrade_refused");
                assertThat(e.getMessage()).contains("1.10.0").contains("allowDowngrade=true");
              });
      assertThat(f.host().plugin("probe").orElseThrow().manifest().version()).isEqualTo("1.10.0");
      f.host().upgrade("probe", TestPlugins.probe("1.9.0"), true).orElseThrow();
      assertThat(f.host().plugin("probe").orElseThrow().manifest().version()).isEqualTo("1.9.0");
    }
  }

  @Test
  void aPluginTheOperatorTrustsIsNotCheckedAndIsShownTrusted(@TempDir Path dir) {
    PluginHost.Options options =
        new PluginHost.Options(
            dir.resolve("plugins"),
            Optional.empty(),
            1 << 20,
            Duration.ofSeconds(2),
            8,
            PluginLimits.DEFAULTS,
            new PluginHost.Trust(Set.of("first-party"), Set.of()));
    try (Fixture f = Fixture.start(options, dir)) {
      String exits = "if (request.tenantId().isEmpty()) { System.exit(3); } return null;";
      assertRefused(f, HostilePlugins.plugin("third-party", exits), "forbidden_api");
      LoadedPlugin trusted = f.host().install(HostilePlugins.plugin("first-party", exits));
      assertThat(trusted.review().trusted()).isTrue();
      assertThat(trusted.review().json().getBoolean("trusted")).isTrue();
    }
  }

  @Test
  void settingsSchemasAreReturnedAsDeclaredAndReportEveryViolation(@TempDir Path dir) {
    try (Fixture f = Fixture.start(dir, 1 << 20)) {
      f.host().install(TestPlugins.probe("1.0.0"));
      var schema = f.host().plugin("probe").orElseThrow().settingsSchema();
      assertThat(schema.json().encode()).doesNotContain("__absolute_uri__");
      assertThat(schema.json()).isEqualTo(new ProbePlugin(null).settingsSchema());
      assertThat(
              schema.violations(
                  new JsonObject().put("greeting", "x".repeat(30)).put("unknown", true)))
          .hasSize(2)
          .anySatisfy(v -> assertThat(v).contains("greeting"))
          .anySatisfy(v -> assertThat(v).contains("unknown"));
    }
  }

  private static WeakReference<ClassLoader> installAndUse(PluginHost host, String version) {
    host.install(TestPlugins.probe(version));
    assertThat(call(host, "/slow").body().toJsonObject().getString("version")).isEqualTo(version);
    return new WeakReference<>(host.plugin("probe").orElseThrow().classLoader());
  }

  private static void awaitCollected(WeakReference<ClassLoader> loader) throws Exception {
    Instant end = Instant.now().plusSeconds(20);
    while (loader.get() != null && Instant.now().isBefore(end)) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(loader.get()).as("the plugin's class loader was garbage-collected").isNull();
  }

  /** Calls a route of the probe plugin directly, as the gateway does (tenant is not checked). */
  private static PluginResponse call(PluginHost host, String path) {
    LoadedPlugin plugin = host.plugin("probe").orElseThrow();
    RouteTable.Match match = plugin.routes().match(HttpMethod.GET, path).orElseThrow();
    PluginRequest request =
        new PluginRequest(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            HttpMethod.GET,
            path,
            match.pathParams(),
            MultiMap.caseInsensitiveMultiMap(),
            MultiMap.caseInsensitiveMultiMap(),
            Buffer.buffer(),
            Instant.now().plusSeconds(5),
            Promise.<Void>promise().future());
    try {
      return LoadedPlugin.withPluginLoader(
          plugin.classLoader(),
          () -> {
            try {
              return match.route().handler().handle(request).await();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
    } finally {
      plugin.exit();
    }
  }

  private static void assertRefused(Fixture f, Path archive, String code) {
    assertThatThrownBy(() -> f.host().install(archive))
        .isInstanceOfSatisfying(
            PluginRefusedException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  private static PluginArchiveBuilder base(String id) {
    return new PluginArchiveBuilder()
        .descriptor(id, "1.0.0", ProbePlugin.class.getName(), TestPlugins.COMPATIBLE)
        .addClass(ProbePlugin.class);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random(1).nextBytes(bytes);
    return bytes;
  }
}
