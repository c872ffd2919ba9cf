package dev.atrium.app.operations;

import static java.util.Objects.requireNonNull;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Locale;

/**
 * Who may read {@code /metrics} ({@code metrics.access}) and whether series carry tenant ids
 * ({@code metrics.tenant-labels}). {@code operator}: on the API port, behind an operator dashboard
 * token; {@code management}: only on a separate listener ({@code metrics.host}:{@code
 * metrics.port}) that the API port does not serve; {@code public}: on the API port, open.
 */
public record MetricsAccess(Mode mode, String host, int port, boolean tenantLabels) {
  /** The tag that names a tenant on Atrium's meters. */
  public static final String TENANT_TAG = "tenant";

  /** Where and to whom {@code /metrics} is served. */
  public enum Mode {
    OPERATOR,
    MANAGEMENT,
    PUBLIC
  }

  public MetricsAccess {
    requireNonNull(mode, "mode is null");
    requireNonNull(host, "host is null");
  }

  public static MetricsAccess from(AtriumConfig config) {
    String access = config.string("metrics.access").trim().toUpperCase(Locale.ROOT);
    Mode mode;
    try {
      mode = Mode.valueOf(access);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "metrics.access (ATRIUM_METRICS_ACCESS) must be operator, management or public");
    }
    return new MetricsAccess(
        mode,
        config.string("metrics.host"),
        config.integer("metrics.port"),
        Boolean.parseBoolean(config.string("metrics.tenant-labels").trim()));
  }

  /**
   * Drops the {@code tenant} tag from every meter {@code registry} creates from now on, unless
   * tenant labels are on: series of several tenants then add up into one. Call it before any meter
   * is registered.
   */
  public void applyTo(MeterRegistry registry) {
    if (!tenantLabels) {
      registry.config().meterFilter(MeterFilter.ignoreTags(TENANT_TAG));
    }
  }
}
