package dev.atrium.app.billing;

import dev.atrium.app.config.AtriumConfig;
import dev.atrium.app.config.ConfigException;
import dev.atrium.billing.BillingSettings;
import java.math.BigDecimal;
import java.time.Duration;

/** Reads the {@code billing.*} configuration keys (see docs/configuration.md). */
public final class BillingConfig {
  private BillingConfig() {}

  public static BillingSettings settings(AtriumConfig config) {
    try {
      return new BillingSettings(
          config.string("billing.default-plan"),
          config.string("billing.currency"),
          new BigDecimal(config.string("billing.tax-percent")),
          config.integer("billing.ledger-batch-size"),
          config.integer("billing.raw-event-retention-days"),
          Duration.ofSeconds(config.integer("billing.plan-cache-seconds")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("billing configuration: " + e.getMessage());
    }
  }
}
