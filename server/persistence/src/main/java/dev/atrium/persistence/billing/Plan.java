package dev.atrium.persistence.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * A price plan: monthly fee, rate limits, concurrency, the inference-pool weight, the plugins it
 * allows ({@code *} for all) and its terms per meter.
 */
public record Plan(
    String id,
    String name,
    BigDecimal monthlyFee,
    RateLimits rateLimits,
    int maxConcurrency,
    int poolWeight,
    Set<String> allowedPlugins,
    Map<String, PlanMeter> meters,
    OffsetDateTime updatedAt) {

  public Plan {
    allowedPlugins = Set.copyOf(allowedPlugins);
    meters = Map.copyOf(meters);
  }

  /**
   * The price of one unit of {@code meter} beyond the allowance, at the first tier (zero for a
   * meter the plan does not price): what the dashboard shows usage at, before allowances.
   */
  public BigDecimal listPrice(String meter) {
    PlanMeter terms = meters.get(meter);
    return terms == null || terms.tiers().isEmpty()
        ? BigDecimal.ZERO
        : terms.tiers().get(0).unitPrice();
  }

  public boolean allowsPlugin(String pluginId) {
    return allowedPlugins.contains("*") || allowedPlugins.contains(pluginId);
  }
}
