package dev.atrium.app.devtools;

import static java.util.Objects.requireNonNull;

import dev.atrium.host.CheckedArchive;
import dev.atrium.host.PluginManifest;
import dev.atrium.host.PluginRefusedException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code atrium plugin dev}: watches a plugin project's build output ({@code target/*.zip}) and
 * installs the newest version on a local server through the operator API, then upgrades it each
 * time a newer archive appears (or the newest one is rebuilt). Archives are checked with the
 * server's own checks first, so a refusal shows here without a round trip; the newest version wins,
 * older archives lying in {@code target} are never installed.
 */
public final class PluginDevLoop {
  private final Path buildDir;
  private final URI server;
  private final String token;
  private final PluginValidator validator;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Path lastFile;
  private FileTime lastModified;

  public PluginDevLoop(
      Path project, URI server, String token, PluginValidator validator, PrintStream out) {
    Path target = project.resolve("target");
    this.buildDir = Files.isDirectory(target) ? target : project;
    this.server = requireNonNull(server, "server is null");
    this.token = requireNonNull(token, "token is null");
    this.validator = requireNonNull(validator, "validator is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** Logs in as the operator and answers the bearer token. */
  public static String login(URI server, String email, String password) {
    JsonObject body = new JsonObject().put("email", email).put("password", password);
    HttpResponse<String> response =
        send(
            HttpClient.newHttpClient(),
            HttpRequest.newBuilder(server.resolve("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "operator login refused (" + response.statusCode() + "): " + response.body());
    }
    return new JsonObject(response.body()).getString("token");
  }

  /** Runs {@link #once()} every {@code interval} until {@code stop} answers true. */
  public void run(Duration interval, BooleanSupplier stop) throws InterruptedException {
    out.println("Watching " + buildDir + " for plugin archives; " + server + " gets the newest.");
    while (!stop.getAsBoolean()) {
      once();
      Thread.sleep(interval.toMillis());
    }
  }

  /**
   * Uploads the newest archive of the build output if it is not the one uploaded last: answers the
   * version the server runs now, if this pass installed or upgraded it.
   */
  public Optional<String> once() {
    Optional<CheckedArchive> newest = newestArchive();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Path file = newest.get().archive().file();
    FileTime modified = modified(file);
    if (file.equals(lastFile) && modified.equals(lastModified)) {
      return Optional.empty();
    }
    lastFile = file;
    lastModified = modified;
    PluginManifest manifest = newest.get().archive().manifest();
    String installedVersion = installedVersion(manifest.id()).orElse(null);
    HttpResponse<String> response =
        installedVersion == null
            ? upload("POST", "/api/admin/plugins", file)
            : upload("PUT", "/api/admin/plugins/" + manifest.id(), file);
    if (response.statusCode() / 100 != 2) {
      out.printf(
          "%s %s refused by the server (%d): %s%n",
          manifest.id(), manifest.version(), response.statusCode(), response.body());
      return Optional.empty();
    }
    out.printf(
        "%s %s %s%n",
        manifest.id(),
        installedVersion == null ? "installed" : "upgraded from " + installedVersion + " to",
        manifest.version());
    return Optional.of(manifest.version());
  }

  private Optional<CheckedArchive> newestArchive() {
    CheckedArchive newest = null;
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(buildDir, "*.zip")) {
      for (Path zip : zips) {
        try {
          CheckedArchive checked = validator.check(zip);
          if (newest == null || newer(checked, newest)) {
            newest = checked;
          }
        } catch (PluginRefusedException e) {
          if (!zip.equals(lastFile) || !modified(zip).equals(lastModified)) {
            lastFile = zip;
            lastModified = modified(zip);
            out.printf("%s: %d %s: %s%n", zip.getFileName(), e.status(), e.code(), e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + buildDir, e);
    }
    return Optional.ofNullable(newest);
  }

  private static boolean newer(CheckedArchive a, CheckedArchive b) {
    int byVersion = a.archive().manifest().compareVersion(b.archive().manifest());
    return byVersion > 0
        || byVersion == 0
            && Comparator.<Path, FileTime>comparing(PluginDevLoop::modified)
                    .compare(a.archive().file(), b.archive().file())
                > 0;
  }

  private Optional<String> installedVersion(String id) {
    HttpResponse<String> response =
        send(
            http,
            HttpRequest.newBuilder(server.resolve("/api/admin/plugins"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /api/admin/plugins: " + response.statusCode() + " " + response.body());
    }
    return new JsonObject(response.body())
        .getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(plugin -> id.equals(plugin.getString("id")))
            .map(plugin -> plugin.getString("version"))
            .findFirst();
  }

  private HttpResponse<String> upload(String method, String path, Path file) {
    try {
      return send(
          http,
          HttpRequest.newBuilder(server.resolve(path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/zip")
              .method(method, HttpRequest.BodyPublishers.ofFile(file))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
