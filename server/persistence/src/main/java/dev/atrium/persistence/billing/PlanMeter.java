package dev.atrium.persistence.billing;

import java.util.List;

/**
 * A plan's terms for one meter: the monthly allowance, quota limits (null for none) and graduated
 * price tiers, sorted by first unit and starting at 0.
 */
public record PlanMeter(
    String meter, long included, Long softLimit, Long hardLimit, List<PriceTier> tiers) {
  public PlanMeter {
    tiers = List.copyOf(tiers);
  }
}
