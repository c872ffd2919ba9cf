package dev.atrium.billing.http;

import dev.atrium.billing.BillingSettings;
import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;

/** Reads the {@code billing.*} configuration keys (see docs/configuration.md). */
public final class BillingConfig {
  /** The usage ledger's journal directory, in the data directory. */
  public static final String USAGE_JOURNAL = "usage-journal";

  private BillingConfig() {}

  public static BillingSettings settings(AtriumConfig config) {
    try {
      return new BillingSettings(
          config.string("billing.default-plan"),
          config.string("billing.currency"),
          new BigDecimal(config.string("billing.tax-percent")),
          config.dataDir().resolve(USAGE_JOURNAL),
          config.integer("billing.ledger-batch-size"),
          Duration.ofMillis(config.integer("billing.ledger-apply-interval-ms")),
          config.integer("billing.ledger-max-unapplied-events"),
          config.integer("billing.raw-event-retention-days"),
          Duration.ofSeconds(config.integer("billing.plan-cache-seconds")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("billing configuration: " + e.getMessage());
    }
  }

  /** {@code billing.test-clock}: whether the operator may advance billing time (never in prod). */
  public static boolean testClock(AtriumConfig config) {
    String value = config.string("billing.test-clock").trim();
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(
          "billing.test-clock (ATRIUM_BILLING_TEST_CLOCK) must be true or false, not '"
              + value
              + "'");
    }
    return value.equals("true");
  }
}
