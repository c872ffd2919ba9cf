package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.bytecode.PluginCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile plugins, each a real archive compiled at test time, are refused at install with {@code
 * 422 forbidden_api} naming the class, the method and the API; the same calls hidden in a packed
 * library are refused naming the jar; a library the operator allowed by its SHA-256 installs and is
 * listed; and a tenant keeps using another plugin throughout.
 */
@ExtendWith(VertxExtension.class)
final class HostilePluginInstallTest {
  private static final String METHOD = "hostile.HostilePlugin.lambda$routes$0 uses ";

  /** A hostile handler body and the API the refusal must name. */
  private record Case(String id, String body, String api) {}

  private static final List<Case> CASES =
      List.of(
          new Case("exit", "System.exit(3); return null;", "java.lang.System.exit"),
          new Case("halt", "Runtime.getRuntime().halt(3); return null;", "java.lang.Runtime.halt"),
          new Case(
              "exit-by-reference",
              "java.util.function.IntConsumer exit = System::exit; exit.accept(3); return null;",
              "java.lang.System.exit"),
          new Case(
              "shutdown-hook",
              "Runtime.getRuntime().addShutdownHook(null); return null;",
              "java.lang.Runtime.addShutdownHook"),
          new Case(
              "spawn",
              "try { new ProcessBuilder(\"id\").start(); } catch (java.io.IOException e) { }"
                  + " return null;",
              "java.lang.ProcessBuilder.<init>"),
          new Case(
              "exec",
              "try { Runtime.getRuntime().exec(new String[] {\"id\"}); }"
                  + " catch (java.io.IOException e) { } return null;",
              "java.lang.Runtime.exec"),
          new Case(
              "jwt-secret",
              "try { return Future.succeededFuture(PluginResponse.text(java.nio.file.Files"
                  + ".readString(java.nio.file.Path.of(\"data/jwt-secret\")))); }"
                  + " catch (java.io.IOException e) { return Future.failedFuture(e); }",
              "java.nio.file.Files.readString"),
          new Case(
              "file-stream",
              "try (var in = new java.io.FileInputStream(\"data/jwt-secret\")) { return null; }"
                  + " catch (java.io.IOException e) { return null; }",
              "java.io.FileInputStream.<init>"),
          new Case(
              "environment",
              "return Future.succeededFuture(PluginResponse.text("
                  + "System.getenv(\"ATRIUM_OPERATOR_PASSWORD\")));",
              "java.lang.System.getenv"),
          new Case(
              "property",
              "return Future.succeededFuture(PluginResponse.text(System.getProperty(\"user.home\")));",
              "java.lang.System.getProperty"),
          new Case(
              "socket",
              "try (var s = new java.net.Socket(\"203.0.113.1\", 80)) { return null; }"
                  + " catch (java.io.IOException e) { return null; }",
              "java.net.Socket.<init>"),
          new Case(
              "url",
              "try { new java.net.URI(\"http://203.0.113.1/\").toURL().openConnection(); }"
                  + " catch (Exception e) { } return null;",
              "java.net.URL.openConnection"),
          new Case(
              "http-client",
              "java.net.http.HttpClient.newHttpClient(); return null;",
              "java.net.http.HttpClient.newHttpClient"),
          new Case(
              "host-class",
              "try { Class.forName(\"dev.atrium.app.Main\"); } catch (Exception e) { } return null;",
              "java.lang.Class.forName(\"dev.atrium.app.Main\")"),
          new Case(
              "host-module-class",
              "try { Class.forName(\"dev.atrium.host.PluginHost\"); } catch (Exception e) { }"
                  + " return null;",
              "java.lang.Class.forName(\"dev.atrium.host.PluginHost\")"),
          new Case(
              "set-accessible",
              "try { String.class.getDeclaredField(\"value\").setAccessible(true); }"
                  + " catch (Exception e) { } return null;",
              "java.lang.reflect.Field.setAccessible"),
          new Case(
              "host-loader",
              "try { context.getClass().getClassLoader().loadClass(\"dev.atrium.app.Main\"); }"
                  + " catch (Exception e) { } return null;",
              "java.lang.ClassLoader.loadClass"),
          new Case(
              "host-loader-for-name",
              "try { Class.forName(\"x\", true, context.getClass().getClassLoader()); }"
                  + " catch (Exception e) { } return null;",
              "java.lang.Class.forName"),
          new Case(
              "private-lookup",
              "try { java.lang.invoke.MethodHandles.privateLookupIn(String.class,"
                  + " java.lang.invoke.MethodHandles.lookup()); } catch (Exception e) { }"
                  + " return null;",
              "java.lang.invoke.MethodHandles.privateLookupIn"),
          new Case(
              "unsafe",
              "try { sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); }"
                  + " catch (Exception e) { } return null;",
              "sun.misc.Unsafe"),
          new Case(
              "native",
              "System.loadLibrary(\"evil\"); return null;",
              "java.lang.System.loadLibrary"),
          new Case(
              "thread", "new Thread(() -> { }).start(); return null;", "java.lang.Thread.<init>"),
          new Case(
              "executor",
              "java.util.concurrent.Executors.newFixedThreadPool(2); return null;",
              "java.util.concurrent.Executors.newFixedThreadPool"),
          new Case(
              "class-loader",
              "new java.net.URLClassLoader(new java.net.URL[0]); return null;",
              "java.net.URLClassLoader.<init>"),
          new Case(
              "own-vertx",
              "io.vertx.core.Vertx.vertx(); return null;",
              "io.vertx.core.Vertx.vertx"));

  @Test
  void hostileCodeIsRefusedAtInstallWithTheClassMethodAndApi(Vertx vertx) throws Exception {
    Path allowedLibrary =
        HostilePlugins.withLibrary(
            "allowed-lib",
            "return Future.succeededFuture(PluginResponse.text(hostile.lib.Library.name()));",
            HostilePlugins.Library.compiled(
                "reflective.jar",
                "public static String name() { try { return sun.misc.Unsafe.class"
                    + ".getDeclaredField(\"theUnsafe\").getName(); } catch (Exception e) {"
                    + " return \"none\"; } }"));
    String allowedHash = PluginCode.ofArchive(allowedLibrary).libraries().get(0).sha256();
    try (TestServer server = TestServer.start(Map.of("plugins.allowed-libraries", allowedHash))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      String other = api.signup("Bystander Co", "owner@bystander.test");
      plugins.enable(other, TestPlugins.PROBE);
      String key = api.createKey(other, new JsonObject().put("name", "k")).getString("key");

      for (Case c : CASES) {
        JsonObject refused =
            assertProblem(
                plugins.install(HostilePlugins.plugin("hostile-" + c.id(), c.body())),
                422,
                "forbidden_api");
        assertThat(refused.getString("detail")).as(c.id()).contains(METHOD + c.api());
        assertThat(api.get("/v1/probe/hello", key).statusCode())
            .as("after " + c.id())
            .isEqualTo(200);
      }

      JsonObject hidden =
          assertProblem(
              plugins.install(
                  HostilePlugins.withLibrary(
                      "hidden-exit",
                      "hostile.lib.Library.run(); return null;",
                      HostilePlugins.Library.compiled(
                          "nested/INNOCENT-UTILS.JAR",
                          "public static void run() { System.exit(3); }"
                              + " public static native void jni();"))),
              422,
              "forbidden_api");
      assertThat(hidden.getString("detail"))
          .contains("lib/nested/INNOCENT-UTILS.JAR (sha256 ")
          .contains("hostile.lib.Library.run uses java.lang.System.exit")
          .contains("hostile.lib.Library.jni uses a native (JNI) method")
          .contains("plugins.allowed-libraries");

      HttpResponse<Buffer> allowed = plugins.install(allowedLibrary);
      assertThat(allowed.statusCode()).as(allowed.bodyAsString()).isEqualTo(201);
      JsonObject library =
          allowed
              .bodyAsJsonObject()
              .getJsonObject("code")
              .getJsonArray("allowedLibraries")
              .getJsonObject(0);
      assertThat(library.getString("name")).isEqualTo("lib/reflective.jar");
      assertThat(library.getString("sha256")).isEqualTo(allowedHash);
      assertThat(library.getString("allowedAs")).isEqualTo("allowed by the operator");

      HttpResponse<Buffer> harmless =
          plugins.install(
              HostilePlugins.plugin(
                  "harmless",
                  "return Future.succeededFuture(PluginResponse.text("
                      + "System.getProperty(\"line.separator\")"
                      + " + Thread.currentThread().isInterrupted()));"));
      assertThat(harmless.statusCode()).as(harmless.bodyAsString()).isEqualTo(201);

      HttpResponse<Buffer> warned =
          plugins.install(
              HostilePlugins.withLibrary(
                  "packs-sdk",
                  "return null;",
                  new HostilePlugins.Library("atrium-plugin-api.jar", jarOf(SdkVersion.class))));
      assertThat(warned.statusCode()).as(warned.bodyAsString()).isEqualTo(201);
      assertThat(warned.bodyAsJsonObject().getJsonObject("code").getJsonArray("warnings").encode())
          .contains("lib/atrium-plugin-api.jar packs dev.atrium.plugin.api.*");

      assertProblem(
          plugins.upgrade(TestPlugins.PROBE, TestPlugins.probe("0.9.0")), 409, "downgrade_refused");
      HttpResponse<Buffer> downgraded =
          api.send(
              HttpMethod.PUT,
              "/api/admin/plugins/probe?allowDowngrade=true",
              plugins.operatorToken(),
              "application/zip",
              Buffer.buffer(java.nio.file.Files.readAllBytes(TestPlugins.probe("0.9.0"))));
      assertThat(downgraded.statusCode()).as(downgraded.bodyAsString()).isEqualTo(200);
      assertThat(downgraded.bodyAsJsonObject().getString("version")).isEqualTo("0.9.0");

      assertThat(plugins.installedIds())
          .contains(TestPlugins.PROBE, "allowed-lib", "harmless")
          .noneMatch(id -> id.startsWith("hostile-") || id.equals("hidden-exit"));
      assertThat(api.get("/v1/probe/hello", key).statusCode()).isEqualTo(200);
    }
  }

  private static byte[] jarOf(Class<?> type) throws IOException {
    String name = type.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes);
        InputStream in = type.getClassLoader().getResourceAsStream(name)) {
      jar.putNextEntry(new ZipEntry(name));
      jar.write(in.readAllBytes());
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }
}
