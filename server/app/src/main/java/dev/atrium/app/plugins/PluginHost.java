package dev.atrium.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.atrium.app.http.Access;
import dev.atrium.app.http.OpenApiDocument;
import dev.atrium.app.http.Operation;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades and uninstalls plugins at run time and keeps the current version of each.
 * Installed archives are kept in the plugins directory as {@code <id>.zip} and loaded again at
 * start, as are (in the development profile) the archives built under {@code
 * plugins/<name>/target}. Each plugin's routes are documented in the OpenAPI document while it is
 * installed.
 *
 * <p>The methods that change plugins block (unpacking, class loading) and are serialised: call them
 * off the event loop.
 */
public final class PluginHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  /** Ids a plugin cannot take: the first path segments of the platform's own {@code /v1} routes. */
  static final Set<String> RESERVED_IDS =
      Set.of("me", "embeddings", "models", "chat", "completions", "admin", "plugins", "usage");

  /** A file found at start that could not be loaded, and why. */
  public record Refusal(Path file, String code, String detail) {}

  /** The host's settings (see docs/configuration.md, {@code plugins.*}). */
  public record Options(
      Path pluginsDir,
      Optional<Path> bundledDir,
      long maxArchiveBytes,
      Duration requestTimeout,
      int maxConcurrentRequests) {
    public Options {
      requireNonNull(pluginsDir, "pluginsDir is null");
      requireNonNull(bundledDir, "bundledDir is null");
      requireNonNull(requestTimeout, "requestTimeout is null");
    }
  }

  private final Options options;
  private final PluginServices services;
  private final OpenApiDocument openApi;
  private final Path workDir;
  private final Map<String, LoadedPlugin> plugins = new ConcurrentHashMap<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

  public PluginHost(
      Options options, PluginServices services, OpenApiDocument openApi, Path dataDir) {
    this.options = requireNonNull(options, "options is null");
    this.services = requireNonNull(services, "services is null");
    this.openApi = requireNonNull(openApi, "openApi is null");
    this.workDir = dataDir.toAbsolutePath().resolve("plugin-work");
  }

  /** Loads the installed archives, then the bundled ones whose id is not installed. */
  public synchronized void loadAll() {
    try {
      Files.createDirectories(options.pluginsDir());
      LoadedPlugin.deleteTree(workDir);
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the plugins directory", e);
    }
    for (Path file : zips(options.pluginsDir())) {
      loadAtStart(file, LoadedPlugin.Source.INSTALLED);
    }
    options
        .bundledDir()
        .ifPresent(
            dir -> bundledArchives(dir).forEach(f -> loadAtStart(f, LoadedPlugin.Source.BUNDLED)));
  }

  /** Installs a new plugin; refuses an archive whose id is already installed. */
  public synchronized LoadedPlugin install(Path upload) {
    PluginArchive archive = check(upload);
    String id = archive.manifest().id();
    if (plugins.containsKey(id)) {
      throw new PluginRefusedException(
          "plugin_exists",
          "Plugin '"
              + id
              + "' is already installed; upgrade it with PUT /api/admin/plugins/"
              + id
              + ".");
    }
    LoadedPlugin loaded = load(archive, LoadedPlugin.Source.INSTALLED);
    keep(upload, id);
    plugins.put(id, loaded);
    document(loaded);
    LOG.info("Installed plugin {} {}", id, archive.manifest().version());
    return loaded;
  }

  /**
   * Replaces plugin {@code id} by the archive's version: the new version takes new requests at
   * once, the old one finishes its in-flight requests, then is unloaded.
   */
  public synchronized Optional<LoadedPlugin> upgrade(String id, Path upload) {
    LoadedPlugin old = plugins.get(id);
    if (old == null) {
      return Optional.empty();
    }
    PluginArchive archive = check(upload);
    if (!archive.manifest().id().equals(id)) {
      throw new PluginRefusedException(
          "id_mismatch",
          "The archive holds plugin '" + archive.manifest().id() + "', not '" + id + "'.");
    }
    LoadedPlugin loaded = load(archive, LoadedPlugin.Source.INSTALLED);
    keep(upload, id);
    plugins.put(id, loaded);
    openApi.removePaths(prefix(id));
    document(loaded);
    retire(old);
    LOG.info(
        "Upgraded plugin {} {} -> {}", id, old.manifest().version(), archive.manifest().version());
    return Optional.of(loaded);
  }

  /** Removes plugin {@code id}: no new requests, unloaded once in-flight ones finished. */
  public synchronized boolean uninstall(String id) {
    LoadedPlugin old = plugins.remove(id);
    if (old == null) {
      return false;
    }
    openApi.removePaths(prefix(id));
    try {
      Files.deleteIfExists(options.pluginsDir().resolve(id + ".zip"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the archive of plugin " + id, e);
    }
    retire(old).thenRun(() -> services.indexes().closePlugin(id));
    LOG.info("Uninstalled plugin {} {}", id, old.manifest().version());
    return true;
  }

  /** The current version of plugin {@code id}. */
  /** Deletes the tenant's vector indexes of every plugin; returns how many were deleted. */
  public int dropTenantIndexes(UUID tenantId) {
    return services.indexes().dropTenant(tenantId);
  }

  public Optional<LoadedPlugin> plugin(String id) {
    return Optional.ofNullable(plugins.get(id));
  }

  /** Every installed plugin, by id. */
  public List<LoadedPlugin> plugins() {
    return new TreeMap<>(plugins).values().stream().toList();
  }

  /** Archives found at start that were refused. */
  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  public Options options() {
    return options;
  }

  PluginServices services() {
    return services;
  }

  @Override
  public synchronized void close() {
    Collection<LoadedPlugin> all = new ArrayList<>(plugins.values());
    plugins.clear();
    for (LoadedPlugin plugin : all) {
      try {
        plugin.retire().get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("Plugin {} still had requests running at shutdown", plugin.manifest().id());
      }
      plugin.close();
    }
    services.close();
  }

  private void loadAtStart(Path file, LoadedPlugin.Source source) {
    try {
      PluginArchive archive = check(file);
      String id = archive.manifest().id();
      if (plugins.containsKey(id)) {
        throw new PluginRefusedException(
            "plugin_exists", "Plugin '" + id + "' is already loaded from another archive.");
      }
      LoadedPlugin loaded = load(archive, source);
      plugins.put(id, loaded);
      document(loaded);
      LOG.info("Loaded plugin {} {} from {}", id, archive.manifest().version(), file);
    } catch (PluginRefusedException e) {
      LOG.error("Refused plugin archive {}: {} ({})", file, e.getMessage(), e.code());
      refusals.add(new Refusal(file, e.code(), e.getMessage()));
    }
  }

  private PluginArchive check(Path file) {
    PluginArchive archive = PluginArchive.check(file, options.maxArchiveBytes());
    archive.manifest().checkCompatible(SdkVersion.CURRENT);
    if (RESERVED_IDS.contains(archive.manifest().id())) {
      throw new PluginRefusedException(
          "reserved_id",
          "Plugin id '" + archive.manifest().id() + "' is reserved by the platform's own routes.");
    }
    return archive;
  }

  private LoadedPlugin load(PluginArchive archive, LoadedPlugin.Source source) {
    return LoadedPlugin.load(archive, source, workDir, services, options.maxConcurrentRequests());
  }

  private void keep(Path upload, String id) {
    try {
      Path target = options.pluginsDir().resolve(id + ".zip");
      Path temporary = options.pluginsDir().resolve(id + ".zip.tmp");
      Files.copy(upload, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the archive of plugin " + id, e);
    }
  }

  /** Closes {@code old} once drained, or after twice the request timeout at the latest. */
  private java.util.concurrent.CompletableFuture<Void> retire(LoadedPlugin old) {
    return old.retire()
        .orTimeout(options.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)
        .handle(
            (ok, timeout) -> {
              if (timeout != null) {
                LOG.warn(
                    "Plugin {} {}: requests still running; unloading it anyway",
                    old.manifest().id(),
                    old.manifest().version());
              }
              old.close();
              return null;
            });
  }

  private void document(LoadedPlugin plugin) {
    String id = plugin.manifest().id();
    Access access = Access.apiKey(scope(id));
    for (RouteTable.Route route : plugin.routes().routes()) {
      RouteDoc doc = route.doc();
      Operation operation =
          new Operation(doc.summary(), "Plugin: " + id, doc.requestSchema(), doc.responses());
      openApi.add(prefix(id) + route.path(), route.method(), access, operation);
    }
  }

  /** The API-key scope that lets a key call plugin {@code id} (besides {@code *}). */
  public static String scope(String id) {
    return "plugin:" + id;
  }

  static String prefix(String id) {
    return "/v1/" + id;
  }

  private static List<Path> zips(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.zip")) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /** {@code <dir>/<name>/target/*.zip}: the archives the plugin builds of this source tree made. */
  private static List<Path> bundledArchives(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> archives = new ArrayList<>();
    try (Stream<Path> modules = Files.list(dir)) {
      for (Path target :
          modules.map(m -> m.resolve("target")).filter(Files::isDirectory).sorted().toList()) {
        archives.addAll(zips(target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return archives;
  }
}
