package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.runtime.RouteTable;
import dev.atrium.plugin.runtime.SettingsSchema;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plugin started as the host starts it, without a server: constructed with the context, its
 * meters, settings schema and routes read and checked with the host's own code, and its routes
 * called in-process with a {@link PluginRequest}, on a virtual thread like on the server.
 *
 * <p>Where the server answers 404/405 (no such route) or 400 {@code malformed_json}, so does {@link
 * #call}; where it would answer a 500 (the handler threw or its future failed), {@link #call}
 * throws the plugin's exception, so the test shows it; where it would answer 504, {@link #call}
 * throws {@link IllegalStateException}.
 */
public final class PluginUnderTest<P extends AtriumPlugin> implements AutoCloseable {
  /** How long a route may take, like the host's {@code plugins.request-timeout-ms}. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final P plugin;
  private final RouteTable routes = new RouteTable();
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("testkit-route-", 0).factory());

  private PluginUnderTest(TestingPluginContext context, P plugin) {
    this.plugin = requireNonNull(plugin, "plugin is null");
    context.usage().declare(plugin.meters());
    context.useSettingsSchema(SettingsSchema.of(context.pluginId(), plugin.settingsSchema()));
    plugin.routes(routes);
  }

  /**
   * Starts {@code pluginClass} through its public constructor taking a {@link PluginContext}, as
   * the host does (so a plugin without one fails here, not on install), after the host's
   * install-time checks of its build output ({@code plugin.class}, {@code plugin.requires} against
   * this SDK, forbidden APIs in its bytecode): a plugin that starts here passes them on the server.
   */
  public static <P extends AtriumPlugin> PluginUnderTest<P> start(
      TestingPluginContext context, Class<P> pluginClass) {
    HostChecks.check(pluginClass);
    try {
      return new PluginUnderTest<>(
          context, pluginClass.getConstructor(PluginContext.class).newInstance(context));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the plugin's constructor threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          pluginClass.getName() + " needs a public constructor taking a PluginContext", e);
    }
  }

  public P plugin() {
    return plugin;
  }

  /** The declared routes, as {@code METHOD /path}, in declaration order. */
  public List<String> routes() {
    return routes.routes().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  public PluginResponse get(String path, String tenantId) {
    return call(HttpMethod.GET, path, tenantId, Buffer.buffer());
  }

  public PluginResponse post(String path, String tenantId, JsonObject body) {
    return call(HttpMethod.POST, path, tenantId, body.toBuffer());
  }

  public PluginResponse put(String path, String tenantId, JsonObject body) {
    return call(HttpMethod.PUT, path, tenantId, body.toBuffer());
  }

  public PluginResponse delete(String path, String tenantId) {
    return call(HttpMethod.DELETE, path, tenantId, Buffer.buffer());
  }

  /**
   * Calls {@code method path} (below {@code /v1/<plugin-id>}, with an optional {@code ?query}) as
   * {@code tenantId}, and waits for the answer.
   */
  public PluginResponse call(HttpMethod method, String path, String tenantId, Buffer body) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    MultiMap query = query(q < 0 ? "" : path.substring(q + 1));
    var match = routes.match(method, bare);
    if (match.isEmpty()) {
      return routes.servesPath(bare)
          ? PluginResponse.problem(405, "method_not_allowed", method + " is not served here.")
          : PluginResponse.problem(404, "not_found", "No route " + method + " " + bare + ".");
    }
    Promise<Void> done = Promise.promise();
    PluginRequest request =
        new PluginRequest(
            tenantId,
            "testkit-key",
            method,
            bare,
            match.get().pathParams(),
            query,
            MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
            body,
            Instant.now().plus(TIMEOUT),
            done.future());
    var answer =
        threads.submit(
            () -> {
              Future<PluginResponse> response = match.get().route().handler().handle(request);
              try {
                return response.toCompletionStage().toCompletableFuture().join();
              } catch (CompletionException e) {
                throw e.getCause() instanceof Exception failure ? failure : e;
              }
            });
    try {
      return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidJsonException invalid) {
        return PluginResponse.problem(400, invalid.code(), invalid.getMessage());
      }
      if (cause instanceof DecodeException) {
        return PluginResponse.problem(400, "malformed_json", "The request body is not valid JSON.");
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the route failed: " + cause, cause);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new IllegalStateException(
          method + " " + path + " did not answer within " + TIMEOUT + " (the server answers 504)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      done.tryComplete();
    }
  }

  private static MultiMap query(String text) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    for (String pair : text.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.add(decode(name), decode(value));
      }
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** Closes the plugin, as the host does on upgrade and uninstall. */
  @Override
  public void close() {
    try {
      plugin.close();
    } finally {
      threads.shutdownNow();
    }
  }
}
