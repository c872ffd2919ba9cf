package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything billing, wired once per process: plans per tenant, meters, the usage recorder and its
 * ledger, rate and concurrency limiters, subscriptions, the invoice calculator and the monthly
 * close. {@link #close} writes the usage still queued.
 */
public final class Billing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

  private final Database database;
  private final BillingSettings settings;
  private final Clock clock;
  private final ExecutorService lookups;
  private final Subscriptions subscriptions;
  private final PlanBook plans;
  private final MeterCatalog meters;
  private final UsageRecorder recorder;
  private final RateLimiter rateLimiter = new RateLimiter(System::nanoTime);
  private final ConcurrencyLimiter concurrency = new ConcurrencyLimiter();
  private final InvoiceCalculator calculator;
  private final InvoiceClose invoiceClose;

  /** Billing whose monthly close does its database work on the thread that runs the close. */
  public Billing(
      Database database, BillingSettings settings, Clock clock, Consumer<QuotaWarning> warnings) {
    this(database, settings, clock, warnings, Runnable::run);
  }

  /**
   * Billing whose monthly close hands each unit of its database work to {@code jdbc} (the server
   * passes its named {@code atrium-db} executor).
   */
  public Billing(
      Database database,
      BillingSettings settings,
      Clock clock,
      Consumer<QuotaWarning> warnings,
      Executor jdbc) {
    this.database = requireNonNull(database, "database is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.lookups =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("atrium-billing-", 0).daemon().factory());
    this.subscriptions = new Subscriptions(settings.defaultPlan());
    this.plans = new PlanBook(database, subscriptions, clock, lookups, settings.planCacheTtl());
    this.meters = new MeterCatalog(database, plans);
    this.recorder = new UsageRecorder(database, settings, plans, clock, warnings);
    this.calculator = new InvoiceCalculator(settings.currency(), settings.taxPercent());
    this.invoiceClose =
        new InvoiceClose(database, recorder, subscriptions, calculator, clock, jdbc);
  }

  public BillingSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  public PlanBook plans() {
    return plans;
  }

  public MeterCatalog meters() {
    return meters;
  }

  public UsageRecorder recorder() {
    return recorder;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  public ConcurrencyLimiter concurrency() {
    return concurrency;
  }

  public InvoiceCalculator calculator() {
    return calculator;
  }

  public InvoiceClose invoiceClose() {
    return invoiceClose;
  }

  /** The inference pool's weight per tenant id, from the tenant's plan; fast and cached. */
  public Function<String, Integer> poolWeights() {
    return plans.poolWeights();
  }

  /** Deletes raw usage events past the retention (rollups keep their sums); blocks. */
  public int purgeRawEvents() {
    OffsetDateTime cutoff = OffsetDateTime.now(clock).minusDays(settings.rawEventRetentionDays());
    int purged = new UsageRepository(database.dsl()).purgeBefore(cutoff);
    if (purged > 0) {
      LOG.info("Purged {} usage events older than {}", purged, cutoff);
    }
    return purged;
  }

  @Override
  public void close() {
    recorder.close();
    lookups.shutdown();
    try {
      lookups.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
