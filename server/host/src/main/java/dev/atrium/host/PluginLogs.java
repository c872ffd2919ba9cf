package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The last log lines and exceptions of each plugin, for its operator and developer ({@code GET
 * /api/admin/plugins/{id}/logs}): whatever is logged under {@code atrium.plugin.<id>} (the
 * context's logger and the host's reports about the plugin) or on the plugin's own threads ({@code
 * plugin-<id>-...}), with the request id of the call it happened in. Each plugin keeps at most
 * {@code plugins.log-entries} entries; messages and stack traces are cut short, so the buffer's
 * memory stays bounded whatever a plugin logs.
 */
public final class PluginLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** The MDC key under which the gateway puts the id of the request being served. */
  public static final String REQUEST_ID = "atrium.requestId";

  private static final String LOGGER_PREFIX = "atrium.plugin.";
  private static final String THREAD_PREFIX = "plugin-";
  private static final int MAX_MESSAGE = 4096;
  private static final int MAX_FRAMES = 25;

  private final int capacity;
  private final Predicate<String> installed;
  private final Map<String, Deque<JsonObject>> byPlugin = new ConcurrentHashMap<>();

  /**
   * Starts capturing from the root logger (when logback is the SLF4J backend), for the plugin ids
   * {@code installed} accepts only: a plugin inventing logger names cannot grow the map.
   */
  public PluginLogs(int capacity, Predicate<String> installed) {
    this.capacity = Math.max(1, capacity);
    this.installed = requireNonNull(installed, "installed is null");
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setContext(context);
      setName("atrium-plugin-logs-" + System.identityHashCode(this));
      start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
    }
  }

  public int capacity() {
    return capacity;
  }

  /** The entries of plugin {@code id}, oldest first. */
  public JsonArray entries(String id) {
    Deque<JsonObject> entries = byPlugin.get(id);
    JsonArray copy = new JsonArray();
    if (entries != null) {
      synchronized (entries) {
        entries.forEach(e -> copy.add(e.copy()));
      }
    }
    return copy;
  }

  @Override
  protected void append(ILoggingEvent event) {
    pluginOf(event)
        .filter(installed)
        .ifPresent(
            id -> {
              Deque<JsonObject> entries = byPlugin.computeIfAbsent(id, k -> new ArrayDeque<>());
              JsonObject entry = entry(event);
              synchronized (entries) {
                if (entries.size() == capacity) {
                  entries.removeFirst();
                }
                entries.addLast(entry);
              }
            });
  }

  private static Optional<String> pluginOf(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if (logger != null && logger.startsWith(LOGGER_PREFIX)) {
      return Optional.of(logger.substring(LOGGER_PREFIX.length()));
    }
    String thread = event.getThreadName();
    if (thread != null && thread.startsWith(THREAD_PREFIX)) {
      // plugin-<id>-<n> or plugin-<id>-job-<n>; ids are [a-z][a-z0-9-]*, so cut the suffix.
      String rest = thread.substring(THREAD_PREFIX.length());
      String id = rest.replaceFirst("-(job-)?\\d+$", "");
      return id.equals(rest) ? Optional.empty() : Optional.of(id);
    }
    return Optional.empty();
  }

  private static JsonObject entry(ILoggingEvent event) {
    JsonObject entry =
        new JsonObject()
            .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
            .put("level", event.getLevel().toString())
            .put("logger", event.getLoggerName())
            .put("thread", event.getThreadName())
            .put("message", cut(event.getFormattedMessage()));
    String requestId = event.getMDCPropertyMap().get(REQUEST_ID);
    if (requestId != null) {
      entry.put("requestId", requestId);
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      entry.put("exception", exception(thrown));
    }
    return entry;
  }

  private static JsonObject exception(IThrowableProxy thrown) {
    JsonArray frames = new JsonArray();
    StackTraceElementProxy[] trace = thrown.getStackTraceElementProxyArray();
    for (int i = 0; trace != null && i < Math.min(trace.length, MAX_FRAMES); i++) {
      frames.add(trace[i].getStackTraceElement().toString());
    }
    JsonObject json =
        new JsonObject()
            .put("class", thrown.getClassName())
            .put("message", cut(thrown.getMessage()))
            .put("stackTrace", frames);
    if (thrown.getCause() != null && thrown.getCause() != thrown) {
      json.put("cause", exception(thrown.getCause()));
    }
    return json;
  }

  private static String cut(String text) {
    return text == null || text.length() <= MAX_MESSAGE
        ? text
        : text.substring(0, MAX_MESSAGE) + "...";
  }

  /** Stops capturing. */
  @Override
  public void close() {
    if (getContext() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    }
    stop();
  }
}
