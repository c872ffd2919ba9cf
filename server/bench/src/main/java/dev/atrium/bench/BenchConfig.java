package dev.atrium.bench;

import dev.atrium.config.AtriumConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of a benchmark's in-process server: the benchmark's own settings, plus every
 * other key the environment sets as the server reads it ({@code ATRIUM_REQUEST_LOG_ENABLED=false
 * ./atrium bench auth} measures without the request log). The benchmark's settings win: they are
 * what makes its figures comparable (profile, loopback port, a fresh data directory).
 */
final class BenchConfig {
  private BenchConfig() {}

  static AtriumConfig of(Map<String, String> benchSettings) {
    Map<String, String> settings = new HashMap<>();
    for (String key : AtriumConfig.defaults().keySet()) {
      String value = System.getenv(AtriumConfig.environmentName(key));
      if (value != null) {
        settings.put(key, value);
      }
    }
    settings.putAll(benchSettings);
    return AtriumConfig.of(settings);
  }
}
