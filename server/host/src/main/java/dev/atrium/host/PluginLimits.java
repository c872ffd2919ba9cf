package dev.atrium.host;

import java.time.Duration;

/**
 * What one plugin call may use, set by the operator ({@code plugins.*}, see docs/configuration.md):
 * the request body it is given, the response body it may answer, how long after its 504 an ignored
 * interruption marks the plugin unhealthy, and how many log entries are kept per plugin.
 */
public record PluginLimits(
    long maxRequestBytes, long maxResponseBytes, Duration interruptGrace, int logEntries) {
  public static final PluginLimits DEFAULTS =
      new PluginLimits(1 << 20, 8 << 20, Duration.ofSeconds(2), 200);

  public PluginLimits {
    if (maxRequestBytes < 0 || maxResponseBytes < 0 || logEntries < 1) {
      throw new IllegalArgumentException("plugin limits must not be negative");
    }
    java.util.Objects.requireNonNull(interruptGrace, "interruptGrace is null");
  }
}
