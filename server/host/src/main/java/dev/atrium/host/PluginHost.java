package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.runtime.RouteTable;
import dev.atrium.plugin.runtime.bytecode.CodePolicy;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** How long a tenant's deletion waits for the plugins to forget it. */
  static final Duration TENANT_DELETED_WAIT = Duration.ofSeconds(5);

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
      int maxConcurrentRequests,
      PluginLimits limits,
      Trust trust) {
    public Options {
      requireNonNull(pluginsDir, "pluginsDir is null");
      requireNonNull(bundledDir, "bundledDir is null");
      requireNonNull(requestTimeout, "requestTimeout is null");
      requireNonNull(limits, "limits is null");
      requireNonNull(trust, "trust is null");
    }

    /** With the default limits and no trusted plugins or extra libraries. */
    public Options(
        Path pluginsDir,
        Optional<Path> bundledDir,
        long maxArchiveBytes,
        Duration requestTimeout,
        int maxConcurrentRequests) {
      this(
          pluginsDir,
          bundledDir,
          maxArchiveBytes,
          requestTimeout,
          maxConcurrentRequests,
          PluginLimits.DEFAULTS,
          Trust.NONE);
    }
  }

  /**
   * What the operator trusts beyond the rules: plugins whose code is not checked at all ({@code
   * plugins.trusted}, shown as trusted), and library jars (by SHA-256) allowed to use forbidden
   * APIs besides the well-known ones ({@code plugins.allowed-libraries}).
   */
  public record Trust(Set<String> trustedPlugins, Set<String> allowedLibraries) {
    public static final Trust NONE = new Trust(Set.of(), Set.of());

    public Trust {
      trustedPlugins = Set.copyOf(trustedPlugins);
      allowedLibraries = Set.copyOf(allowedLibraries);
    }
  }

  private final Options options;
  private final PluginServices services;
  private final OpenApiDocument openApi;
  private final Path workDir;
  private final Map<String, LoadedPlugin> plugins = new ConcurrentHashMap<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final CodePolicy codePolicy;
  private final PluginLogs logs;

  public PluginHost(
      Options options, PluginServices services, OpenApiDocument openApi, Path dataDir) {
    this.options = requireNonNull(options, "options is null");
    this.services = requireNonNull(services, "services is null");
    this.openApi = requireNonNull(openApi, "openApi is null");
    this.workDir = dataDir.toAbsolutePath().resolve("plugin-work");
    this.codePolicy = CodePolicy.withWellKnownLibraries(options.trust().allowedLibraries());
    this.logs = new PluginLogs(options.limits().logEntries(), plugins::containsKey);
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
    options.bundledDir().ifPresent(dir -> newestOfEach(bundledArchives(dir)));
  }

  /**
   * Loads, of the bundled archives, the newest version of each plugin id (a source tree's {@code
   * target} folders may hold older builds), and records the archives that are refused.
   */
  private void newestOfEach(List<Path> archives) {
    Map<String, CheckedArchive> newest = new TreeMap<>();
    for (Path file : archives) {
      try {
        CheckedArchive candidate = check(file);
        newest.merge(
            candidate.archive().manifest().id(),
            candidate,
            (a, b) -> a.archive().manifest().compareVersion(b.archive().manifest()) >= 0 ? a : b);
      } catch (PluginRefusedException e) {
        refuse(file, e);
      }
    }
    newest.values().forEach(c -> loadAtStart(c, LoadedPlugin.Source.BUNDLED));
  }

  /** Installs a new plugin; refuses an archive whose id is already installed. */
  public synchronized LoadedPlugin install(Path upload) {
    CheckedArchive candidate = check(upload);
    PluginArchive archive = candidate.archive();
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
    LoadedPlugin loaded = load(candidate, LoadedPlugin.Source.INSTALLED);
    keep(upload, id);
    plugins.put(id, loaded);
    document(loaded);
    LOG.info("Installed plugin {} {}", id, archive.manifest().version());
    warn(loaded);
    return loaded;
  }

  /** {@link #upgrade(String, Path, boolean)} refusing downgrades. */
  public Optional<LoadedPlugin> upgrade(String id, Path upload) {
    return upgrade(id, upload, false);
  }

  /**
   * Replaces plugin {@code id} by the archive's version: the new version takes new requests at
   * once, the old one finishes its in-flight requests, then is unloaded. An older version is
   * refused ({@code downgrade_refused}) unless {@code allowDowngrade}.
   */
  public synchronized Optional<LoadedPlugin> upgrade(
      String id, Path upload, boolean allowDowngrade) {
    LoadedPlugin old = plugins.get(id);
    if (old == null) {
      return Optional.empty();
    }
    CheckedArchive candidate = check(upload);
    PluginArchive archive = candidate.archive();
    if (!archive.manifest().id().equals(id)) {
      throw new PluginRefusedException(
          "id_mismatch",
          "The archive holds plugin '" + archive.manifest().id() + "', not '" + id + "'.");
    }
    if (!allowDowngrade && archive.manifest().compareVersion(old.manifest()) < 0) {
      throw new PluginRefusedException(
          "downgrade_refused",
          "Plugin '"
              + id
              + "' "
              + old.manifest().version()
              + " is installed; "
              + archive.manifest().version()
              + " is older. Send the request again with ?allowDowngrade=true to downgrade.");
    }
    LoadedPlugin loaded = load(candidate, LoadedPlugin.Source.INSTALLED);
    keep(upload, id);
    plugins.put(id, loaded);
    openApi.removePaths(prefix(id));
    document(loaded);
    retire(old);
    LOG.info(
        "Upgraded plugin {} {} -> {}", id, old.manifest().version(), archive.manifest().version());
    warn(loaded);
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

  /**
   * After tenant {@code tenantId}'s data is deleted: every installed plugin forgets the tenant's
   * jobs and is told ({@link AtriumPlugin#tenantDeleted}), all at once, each with {@link
   * #TENANT_DELETED_WAIT}. A plugin that throws, or is still busy then (it is interrupted), is
   * logged, never passed on. Completes with how many plugins returned in time; blocks no thread.
   */
  public CompletableFuture<Integer> tenantDeleted(UUID tenantId) {
    List<CompletableFuture<Boolean>> told = new ArrayList<>();
    plugins.forEach(
        (id, plugin) ->
            told.add(
                plugin
                    .tenantDeleted(tenantId.toString(), TENANT_DELETED_WAIT)
                    .handle(
                        (v, failure) -> {
                          if (failure instanceof TimeoutException) {
                            LOG.warn(
                                "Plugin {} did not return from tenantDeleted within {} s",
                                id,
                                TENANT_DELETED_WAIT.toSeconds());
                          } else if (failure != null) {
                            LOG.warn(
                                "Plugin {} failed in tenantDeleted: {}", id, failure.toString());
                          }
                          return failure == null;
                        })));
    return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new))
        .thenApply(v -> (int) told.stream().filter(CompletableFuture::join).count());
  }

  public Optional<LoadedPlugin> plugin(String id) {
    return Optional.ofNullable(plugins.get(id));
  }

  /** Every installed plugin, by id. */
  public List<LoadedPlugin> plugins() {
    return new TreeMap<>(plugins).values().stream().toList();
  }

  /** The last log entries of plugin {@code id} (see {@link PluginLogs}). */
  public io.vertx.core.json.JsonArray logs(String id) {
    return logs.entries(id);
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

  /** The host's writes to the audit log, for the operator's plugin routes. */
  public AuditEntries audit() {
    return services.audit();
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
    logs.close();
  }

  private void loadAtStart(Path file, LoadedPlugin.Source source) {
    try {
      loadAtStart(check(file), source);
    } catch (PluginRefusedException e) {
      refuse(file, e);
    }
  }

  private void loadAtStart(CheckedArchive candidate, LoadedPlugin.Source source) {
    Path file = candidate.archive().file();
    try {
      String id = candidate.archive().manifest().id();
      if (plugins.containsKey(id)) {
        throw new PluginRefusedException(
            "plugin_exists", "Plugin '" + id + "' is already loaded from another archive.");
      }
      LoadedPlugin loaded = load(candidate, source);
      plugins.put(id, loaded);
      document(loaded);
      LOG.info("Loaded plugin {} {} from {}", id, candidate.archive().manifest().version(), file);
      warn(loaded);
    } catch (PluginRefusedException e) {
      refuse(file, e);
    }
  }

  private void refuse(Path file, PluginRefusedException e) {
    LOG.error("Refused plugin archive {}: {} ({})", file, e.getMessage(), e.code());
    refusals.add(new Refusal(file, e.code(), e.getMessage()));
  }

  private CheckedArchive check(Path file) {
    return CheckedArchive.check(
        file, options.maxArchiveBytes(), codePolicy, options.trust().trustedPlugins());
  }

  private LoadedPlugin load(CheckedArchive candidate, LoadedPlugin.Source source) {
    return LoadedPlugin.load(
        candidate.archive(), candidate.review(), source, workDir, services, options);
  }

  /** Reports what the review warned about, to the server log and the plugin's own log. */
  private static void warn(LoadedPlugin plugin) {
    Logger log = LoggerFactory.getLogger("atrium.plugin." + plugin.manifest().id());
    plugin.review().warnings().forEach(w -> log.warn("Install warning: {}", w));
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
      openApi.add(
          prefix(id) + route.path(),
          route.method(),
          access,
          Operation.of("Plugin: " + id, route.doc()));
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
