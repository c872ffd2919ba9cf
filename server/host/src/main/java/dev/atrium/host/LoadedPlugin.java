package dev.atrium.host;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.runtime.RouteTable;
import dev.atrium.plugin.runtime.SettingsSchema;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * One loaded version of a plugin: its PF4J manager and class loader, the plugin instance and what
 * it contributed, its code review, its health, and the threads its requests run on. Requests run on
 * the plugin's own platform threads (at most {@code plugins.max-concurrent-requests}), not on
 * virtual threads: a plugin that spins without blocking would pin the carrier threads every virtual
 * thread of the server shares, while the operating system preempts a platform thread. Requests
 * {@link #enter()} and {@link #exit()} it; after an upgrade or uninstall it is {@link #retire()
 * retired}, and closed once its in-flight requests have finished, so they finish on this version.
 */
public final class LoadedPlugin {
  /** Where the archive came from. */
  public enum Source {
    /** Uploaded through the operator API (or copied to the plugins directory). */
    INSTALLED,
    /** Built in this source tree ({@code plugins/<name>/target}, development profile). */
    BUNDLED
  }

  private final PluginManifest manifest;
  private final CodeReview review;
  private final Source source;
  private final Path dir;
  private final HostPluginManager manager;
  private final AtriumPlugin plugin;
  private final HostPluginContext context;
  private final RouteTable routes;
  private final SettingsSchema settingsSchema;
  private final List<MeterDefinition> meters;
  private final List<ModelRequirement> models;
  private final Optional<DashboardPanel> dashboardPanel;
  private final Instant loadedAt = Instant.now();
  private final ExecutorService threads;
  private final Semaphore permits;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean retired;
  private volatile String unhealthy;

  private LoadedPlugin(
      PluginManifest manifest,
      CodeReview review,
      Source source,
      Path dir,
      HostPluginManager manager,
      AtriumPlugin plugin,
      HostPluginContext context,
      int maxConcurrentRequests) {
    this.manifest = manifest;
    this.review = review;
    this.source = source;
    this.dir = dir;
    this.manager = manager;
    this.plugin = plugin;
    this.context = context;
    this.permits = new Semaphore(maxConcurrentRequests);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            maxConcurrentRequests,
            maxConcurrentRequests,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("plugin-" + manifest.id() + "-", 0).daemon(true).factory());
    pool.allowCoreThreadTimeOut(true);
    this.threads = pool;
    ClassLoader loader = plugin.getClass().getClassLoader();
    this.routes = withPluginLoader(loader, () -> collectRoutes(plugin));
    this.settingsSchema = compileSettingsSchema(manifest.id(), loader, plugin);
    this.meters = List.copyOf(withPluginLoader(loader, plugin::meters));
    context.declareMeters(meters);
    this.models = List.copyOf(withPluginLoader(loader, plugin::models));
    this.dashboardPanel = withPluginLoader(loader, plugin::dashboardPanel);
  }

  /**
   * Unpacks {@code archive} into a new folder of {@code workDir}, loads it with PF4J and constructs
   * the plugin with its context; refuses it with {@code plugin_failed_to_start} when the class is
   * missing, is not an {@link AtriumPlugin}, or its constructor or contributions throw.
   */
  static LoadedPlugin load(
      PluginArchive archive,
      CodeReview review,
      Source source,
      Path workDir,
      PluginServices services,
      PluginHost.Options options) {
    PluginManifest manifest = archive.manifest();
    Path dir =
        workDir.resolve(
            manifest.id()
                + "-"
                + manifest.version()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    archive.extractTo(dir);
    HostedPlugin[] created = new HostedPlugin[1];
    HostPluginContext[] contexts = new HostPluginContext[1];
    HostPluginManager manager =
        new HostPluginManager(
            workDir,
            wrapper -> {
              created[0] = instantiate(manifest, wrapper, services, contexts);
              return created[0];
            });
    try {
      String id = manager.loadPlugin(dir);
      manager.startPlugin(id);
      PluginWrapper wrapper = manager.getPlugin(id);
      if (wrapper.getPluginState() != PluginState.STARTED || created[0] == null) {
        Throwable cause = wrapper.getFailedException();
        if (cause instanceof PluginRefusedException refused) {
          throw refused;
        }
        throw failedToStart(
            manifest,
            cause == null ? "PF4J state " + wrapper.getPluginState() : describe(cause),
            cause);
      }
      return new LoadedPlugin(
          manifest,
          review,
          source,
          dir,
          manager,
          created[0].plugin(),
          contexts[0],
          options.maxConcurrentRequests());
    } catch (RuntimeException e) {
      if (contexts[0] != null) {
        contexts[0].close();
      }
      unload(manager, manifest.id());
      deleteTree(dir);
      if (e instanceof PluginRefusedException refused) {
        throw refused;
      }
      throw failedToStart(manifest, describe(e), e);
    }
  }

  private static HostedPlugin instantiate(
      PluginManifest manifest,
      PluginWrapper wrapper,
      PluginServices services,
      HostPluginContext[] contexts) {
    ClassLoader loader = wrapper.getPluginClassLoader();
    Class<?> pluginClass;
    try {
      pluginClass = loader.loadClass(manifest.pluginClass());
    } catch (ClassNotFoundException | LinkageError e) {
      throw failedToStart(
          manifest, "plugin.class " + manifest.pluginClass() + " is not in the archive", e);
    }
    if (!AtriumPlugin.class.isAssignableFrom(pluginClass)) {
      throw failedToStart(
          manifest,
          manifest.pluginClass() + " does not implement " + AtriumPlugin.class.getName(),
          null);
    }
    HostPluginContext context =
        new HostPluginContext(manifest.id(), manifest.version(), services, loader);
    contexts[0] = context;
    try {
      Constructor<?> constructor = pluginClass.getConstructor(PluginContext.class);
      return new HostedPlugin(withPluginLoader(loader, () -> construct(constructor, context)));
    } catch (NoSuchMethodException e) {
      throw failedToStart(
          manifest,
          manifest.pluginClass() + " has no public constructor taking a PluginContext",
          e);
    }
  }

  private static AtriumPlugin construct(Constructor<?> constructor, PluginContext context) {
    try {
      return (AtriumPlugin) constructor.newInstance(context);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(describe(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(describe(e), e);
    }
  }

  private static SettingsSchema compileSettingsSchema(
      String pluginId, ClassLoader loader, AtriumPlugin plugin) {
    JsonObject schema = withPluginLoader(loader, plugin::settingsSchema);
    try {
      return SettingsSchema.of(pluginId, schema);
    } catch (IllegalArgumentException e) {
      throw new PluginRefusedException("invalid_settings_schema", e.getMessage());
    }
  }

  private static RouteTable collectRoutes(AtriumPlugin plugin) {
    RouteTable table = new RouteTable();
    try {
      plugin.routes(table);
    } catch (IllegalArgumentException e) {
      throw new PluginRefusedException("invalid_routes", e.getMessage());
    }
    return table;
  }

  public PluginManifest manifest() {
    return manifest;
  }

  public Source source() {
    return source;
  }

  CodeReview review() {
    return review;
  }

  /** Why the plugin is unhealthy (its calls are refused until an operator resets it), if it is. */
  public Optional<String> unhealthy() {
    return Optional.ofNullable(unhealthy);
  }

  void markUnhealthy(String why) {
    unhealthy = why;
  }

  /** The operator's reset: calls are served again. */
  void resetHealth() {
    unhealthy = null;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public ClassLoader classLoader() {
    return plugin.getClass().getClassLoader();
  }

  RouteTable routes() {
    return routes;
  }

  SettingsSchema settingsSchema() {
    return settingsSchema;
  }

  public List<MeterDefinition> meters() {
    return meters;
  }

  public List<ModelRequirement> models() {
    return models;
  }

  public Optional<DashboardPanel> dashboardPanel() {
    return dashboardPanel;
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Counts a request in; false once retired (the caller then uses the current version). */
  boolean enter() {
    inFlight.incrementAndGet();
    if (retired) {
      exit();
      return false;
    }
    return true;
  }

  void exit() {
    if (inFlight.decrementAndGet() == 0 && retired) {
      drained.complete(null);
    }
  }

  /** Takes a request permit; false when the plugin already runs its maximum of requests. */
  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  /** Gives back the permit of a request whose answer (the handler's future) has completed. */
  void release() {
    permits.release();
  }

  /**
   * Runs {@code work} on one of the plugin's threads; the permit stays taken until the caller
   * {@link #release() releases} it.
   */
  java.util.concurrent.Future<?> execute(Runnable work) {
    ClassLoader loader = classLoader();
    return threads.submit(
        () -> {
          Thread.currentThread().setContextClassLoader(loader);
          work.run();
        });
  }

  /**
   * Tells the plugin that tenant {@code tenantId} is deleted: cancels and forgets the tenant's jobs
   * now, then calls {@link AtriumPlugin#tenantDeleted} on one of the plugin's threads. Completes
   * when the call returns, or with what it threw (or with the refusal of a plugin closing); a call
   * still running after {@code timeout} is interrupted and the future fails with a {@link
   * TimeoutException}. No thread waits for it meanwhile.
   */
  CompletableFuture<Void> tenantDeleted(String tenantId, Duration timeout) {
    context.forgetTenant(tenantId);
    CompletableFuture<Void> told = new CompletableFuture<>();
    java.util.concurrent.Future<?> call;
    try {
      call =
          execute(
              () -> {
                try {
                  plugin.tenantDeleted(tenantId);
                  told.complete(null);
                } catch (Throwable e) {
                  told.completeExceptionally(e); // the plugin's failure, contained
                }
              });
    } catch (RejectedExecutionException closing) {
      return CompletableFuture.failedFuture(closing);
    }
    told.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (v, e) -> {
              if (e instanceof TimeoutException) {
                call.cancel(true);
              }
            });
    return told;
  }

  /** No new requests; completes when the in-flight ones have finished. */
  CompletableFuture<Void> retire() {
    retired = true;
    if (inFlight.get() == 0) {
      drained.complete(null);
    }
    return drained;
  }

  /** Cancels jobs and blocked requests, stops the plugin and closes its class loader and files. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    context.close();
    threads.shutdownNow();
    unload(manager, manifest.id());
    manager.forgetFactory();
    deleteTree(dir);
  }

  private static void unload(HostPluginManager manager, String id) {
    if (manager.getPlugin(id) != null) {
      // unloadPlugin, not stopPlugins(): PF4J 3.15 throws a ConcurrentModificationException there.
      manager.unloadPlugin(id);
    }
  }

  static <T> T withPluginLoader(ClassLoader loader, java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static PluginRefusedException failedToStart(
      PluginManifest manifest, String why, Throwable cause) {
    return new PluginRefusedException(
        "plugin_failed_to_start",
        "Plugin '" + manifest.id() + "' " + manifest.version() + " could not start: " + why + ".",
        cause);
  }

  private static String describe(Throwable e) {
    return e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
