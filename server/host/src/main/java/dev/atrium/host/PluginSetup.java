package dev.atrium.host;

import dev.atrium.config.AtriumConfig;
import dev.atrium.db.Db;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.http.ProblemHandler;
import dev.atrium.inference.InferencePool;
import dev.atrium.inference.tabular.TabularModelService;
import dev.atrium.shared.Problem;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the plugin host from the {@code plugins.*} configuration and prepares the router. */
public final class PluginSetup {
  private static final String UPLOADS = "/api/admin/plugins";

  private PluginSetup() {}

  /** The host with its services, after loading the installed (and, in dev, bundled) plugins. */
  public static PluginHost create(
      AtriumConfig config,
      Db db,
      InferencePool inference,
      UsageSink usage,
      OpenApiDocument openApi) {
    String dir = config.string("plugins.dir");
    String bundled = config.string("plugins.bundled-dir");
    PluginHost.Options options =
        new PluginHost.Options(
            dir.isBlank() ? config.dataDir().resolve("plugins") : Path.of(dir),
            config.isDevProfile() && !bundled.isBlank()
                ? Optional.of(Path.of(bundled))
                : Optional.empty(),
            config.integer("plugins.max-archive-bytes"),
            Duration.ofMillis(config.integer("plugins.request-timeout-ms")),
            config.integer("plugins.max-concurrent-requests"),
            new PluginLimits(
                config.integer("plugins.max-request-bytes"),
                config.integer("plugins.max-response-bytes"),
                Duration.ofMillis(config.integer("plugins.interrupt-grace-ms")),
                config.integer("plugins.log-entries")),
            new PluginHost.Trust(
                list(config.string("plugins.trusted")),
                list(config.string("plugins.allowed-libraries"))));
    PluginServices services =
        new PluginServices(
            db,
            config.dataDir(),
            inference,
            inference,
            inference::registryFor,
            usage,
            config.integer("plugins.max-blob-bytes"),
            tabularSettings(config));
    PluginHost host = new PluginHost(options, services, openApi, config.dataDir());
    host.loadAll();
    return host;
  }

  /** The {@code plugins.offered-internal} key: the internal plugins tenants may see. */
  public static PluginOffer offer(AtriumConfig config) {
    return new PluginOffer(list(config.string("plugins.offered-internal")));
  }

  /** The {@code tabular.*} keys: training threads and where served models are written. */
  static TabularModelService.Settings tabularSettings(AtriumConfig config) {
    String dir = config.string("tabular.models-dir");
    int threads = config.integer("tabular.training-threads");
    return new TabularModelService.Settings(
        config.integer("tabular.training-concurrency"),
        config.integer("tabular.training-max-queued"),
        threads > 0 ? threads : TabularModelService.Settings.defaultThreads(),
        dir.isBlank() ? config.dataDir().resolve("tabular-models") : Path.of(dir));
  }

  private static Set<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Archive uploads get their own body limit, {@code plugins.max-archive-bytes}, instead of {@code
   * http.body-limit}; mount this before the router's general body handler. Requests without
   * credentials or announcing a larger body are refused before anything is read.
   */
  public static void acceptArchiveUploads(Router router, AtriumConfig config) {
    long limit = config.integer("plugins.max-archive-bytes");
    // Only the two upload operations (install, upgrade): any other pair would be an undocumented
    // route.
    Map<HttpMethod, String> uploads =
        Map.of(HttpMethod.POST, UPLOADS, HttpMethod.PUT, UPLOADS + "/:id");
    for (Map.Entry<HttpMethod, String> upload : uploads.entrySet()) {
      HttpMethod method = upload.getKey();
      String path = upload.getValue();
      router
          .route(method, path)
          .handler(
              ctx -> {
                if (ctx.request().getHeader("Authorization") == null) {
                  ProblemHandler.send(ctx, Problem.unauthorized("Authentication is required."));
                  return;
                }
                String length = ctx.request().getHeader("Content-Length");
                if (length != null
                    && length.matches("\\d{1,18}")
                    && Long.parseLong(length) > limit) {
                  ProblemHandler.send(
                      ctx,
                      new Problem(
                          413,
                          "archive_too_large",
                          "The archive is larger than plugins.max-archive-bytes ("
                              + limit
                              + " bytes)."));
                  return;
                }
                ctx.next();
              });
      // Vert.x wants body handlers before user handlers on one route: a second route reads it.
      router.route(method, path).handler(BodyHandler.create(false).setBodyLimit(limit));
    }
  }
}
