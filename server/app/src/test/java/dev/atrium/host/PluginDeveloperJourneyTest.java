package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.app.devtools.PluginDevLoop;
import dev.atrium.app.devtools.PluginScaffold;
import dev.atrium.app.devtools.PluginValidator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party developer's whole journey with the developer tools: {@code plugin new}, a build
 * outside the source tree against the published SDK with the plugin's own coordinates and version
 * (running its testkit tests), {@code plugin validate}, {@code plugin dev} installing it on a real
 * server, a call, an upgrade by {@code plugin dev} under load with no failed call, the plugin's
 * logs, and the uninstall.
 */
@ExtendWith(VertxExtension.class)
final class PluginDeveloperJourneyTest {
  private static final String ID = "acme-notes";
  private static final String ECHO = "/v1/" + ID + "/echo";

  @Test
  @Timeout(900)
  void newBuildValidateInstallUpgradeUnderLoadLogsAndUninstall(Vertx vertx, @TempDir Path work)
      throws Exception {
    Path project =
        new PluginScaffold(SdkRepository.SOURCE_TREE.resolve("plugins/example-echo"))
            .create(ID, "com.acme.notes", work.resolve(ID));
    assertRenamed(project);
    Path pom = project.resolve("pom.xml");
    Files.writeString(
        pom, Files.readString(pom).replace("<version>0.1.0</version>", "<version>3.1.0</version>"));

    String build =
        OutsideBuild.mavenPackage(
            project, SdkRepository.stage(work.resolve("sdk-repository")), work);
    assertThat(build).contains("Tests run: 4, Failures: 0, Errors: 0").contains("BUILD SUCCESS");
    Path v1 = project.resolve("target/" + ID + "-3.1.0.zip");

    PluginValidator validator =
        new PluginValidator(PluginValidator.DEFAULT_MAX_ARCHIVE_BYTES, Set.of());
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    assertThat(validator.report(v1, new PrintStream(report, true, StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(report.toString(StandardCharsets.UTF_8)).startsWith("OK acme-notes 3.1.0");
    Path incompatible = withDescriptor(v1, work.resolve("future.zip"), "3.1.0", ">=9.0.0");
    PluginRefusedException refusal = refusal(() -> validator.check(incompatible));
    assertThat(refusal.code()).isEqualTo("incompatible_sdk");

    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      // The server refuses what validate refused, with the same message.
      HttpResponse<Buffer> refused =
          api.send(
              HttpMethod.POST,
              "/api/admin/plugins",
              operator,
              "application/zip",
              Buffer.buffer(Files.readAllBytes(incompatible)));
      assertProblem(refused, 422, "incompatible_sdk");
      assertThat(refused.bodyAsJsonObject().getString("detail")).isEqualTo(refusal.getMessage());

      ByteArrayOutputStream devOutput = new ByteArrayOutputStream();
      PluginDevLoop dev =
          new PluginDevLoop(
              project,
              URI.create("http://127.0.0.1:" + server.port()),
              PluginDevLoop.login(
                  URI.create("http://127.0.0.1:" + server.port()),
                  TestServer.OPERATOR_EMAIL,
                  TestServer.OPERATOR_PASSWORD),
              validator,
              new PrintStream(devOutput, true, StandardCharsets.UTF_8));
      assertThat(dev.once()).as(devOutput.toString(StandardCharsets.UTF_8)).contains("3.1.0");
      assertThat(dev.once()).as("nothing new to upload").isEmpty();

      String owner = api.signup("Acme Notes Co", "owner@acme-notes.test");
      String key = api.createKey(owner, new JsonObject().put("name", "notes")).getString("key");
      HttpResponse<Buffer> enabled =
          api.send(
              HttpMethod.PUT,
              "/api/plugins/" + ID,
              owner,
              "application/json",
              Buffer.buffer(new JsonObject().put("enabled", true).encode()));
      assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
      assertThat(echo(api, key).bodyAsJsonObject().getString("version")).isEqualTo("3.1.0");

      // An older build lying in target never wins; a newer one is upgraded to, under load.
      withDescriptor(v1, project.resolve("target/" + ID + "-3.0.0.zip"), "3.0.0", ">=1.0.0");
      assertThat(dev.once()).isEmpty();
      Set<String> versions = ConcurrentHashMap.newKeySet();
      List<String> failures = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        counts.add(callers.submit(() -> callUntil(api, key, stop, versions, failures)));
      }
      PluginApiCalls.awaitUntil(() -> versions.contains("3.1.0"));
      withDescriptor(v1, project.resolve("target/" + ID + "-3.2.0.zip"), "3.2.0", ">=1.0.0");
      assertThat(dev.once()).as(devOutput.toString(StandardCharsets.UTF_8)).contains("3.2.0");
      PluginApiCalls.awaitUntil(() -> versions.contains("3.2.0"));
      stop.set(true);
      int calls = 0;
      for (Future<Integer> count : counts) {
        calls += count.get();
      }
      callers.shutdown();
      assertThat(failures).as("failed calls during the upgrade").isEmpty();
      assertThat(calls).isGreaterThan(8);
      assertThat(devOutput.toString(StandardCharsets.UTF_8))
          .contains("acme-notes installed 3.1.0")
          .contains("acme-notes upgraded from 3.1.0 to 3.2.0");

      assertThat(
              api.send(
                      HttpMethod.PUT,
                      "/v1/" + ID + "/notes/n1",
                      key,
                      "application/json",
                      Buffer.buffer("{\"text\":\"hi\"}"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(api.delete("/v1/" + ID + "/notes/n1", key).statusCode()).isEqualTo(204);
      HttpResponse<Buffer> logs = api.get("/api/admin/plugins/" + ID + "/logs", operator);
      assertThat(logs.statusCode()).as(logs.bodyAsString()).isEqualTo(200);
      assertThat(logs.bodyAsString()).contains("Deleted note n1");

      assertThat(api.delete("/api/admin/plugins/" + ID, operator).statusCode()).isEqualTo(204);
      assertProblem(echo(api, key), 404, "plugin_not_found");
    }
  }

  private static void assertRenamed(Path project) throws IOException {
    assertThat(project.resolve("src/main/java/com/acme/notes/AcmeNotesPlugin.java")).exists();
    assertThat(project.resolve("src/test/java/com/acme/notes/AcmeNotesPluginTest.java")).exists();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain("example-echo", "EchoPlugin", "com.example", "atrium-parent");
      }
    }
    assertThat(Files.readString(project.resolve("src/main/resources/plugin.properties")))
        .contains("plugin.id=acme-notes", "plugin.class=com.acme.notes.AcmeNotesPlugin");
    assertThat(Files.readString(project.resolve("pom.xml")))
        .contains("<artifactId>atrium-plugin-parent</artifactId>", "<relativePath/>")
        .contains("<groupId>com.acme.notes</groupId>", "<artifactId>acme-notes</artifactId>");
  }

  private static int callUntil(
      ApiClient api, String key, AtomicBoolean stop, Set<String> versions, List<String> failures) {
    int calls = 0;
    while (!stop.get()) {
      HttpResponse<Buffer> r = echo(api, key);
      calls++;
      if (r.statusCode() == 200) {
        versions.add(r.bodyAsJsonObject().getString("version"));
      } else {
        synchronized (failures) {
          failures.add(r.statusCode() + " " + r.bodyAsString());
        }
      }
    }
    return calls;
  }

  private static HttpResponse<Buffer> echo(ApiClient api, String key) {
    return api.post(ECHO, key, new JsonObject().put("text", "hello"));
  }

  /** A copy of {@code archive} whose descriptor says {@code version} and {@code requires}. */
  private static Path withDescriptor(Path archive, Path copy, String version, String requires)
      throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry entry : zip.stream().toList()) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        byte[] bytes = zip.getInputStream(entry).readAllBytes();
        if (entry.getName().equals("plugin.properties")) {
          bytes =
              new String(bytes, StandardCharsets.ISO_8859_1)
                  .replaceAll("(?m)^plugin\\.version=.*$", "plugin.version=" + version)
                  .replaceAll("(?m)^plugin\\.requires=.*$", "plugin.requires=" + requires)
                  .getBytes(StandardCharsets.ISO_8859_1);
        }
        out.write(bytes);
        out.closeEntry();
      }
    }
    return copy;
  }

  private static PluginRefusedException refusal(ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (PluginRefusedException e) {
      return e;
    } catch (Throwable e) {
      throw new AssertionError("expected a refusal", e);
    }
    throw new AssertionError("expected a refusal");
  }
}
