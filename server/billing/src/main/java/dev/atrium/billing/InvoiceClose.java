package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceRepository;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.UsageRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly close: one invoice per tenant for an ended month, each in its own transaction,
 * computed from the daily rollup (after the ledger has moved all usage acknowledged so far into it)
 * and the tenant's subscriptions. Idempotent: a tenant that already has a live invoice for the
 * month is skipped, and the database's unique constraint settles races between runs (or replicas).
 * Progress is kept per month while the process lives.
 */
public final class InvoiceClose {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceClose.class);
  private static final int PAGE = 500;

  private final Database database;
  private final UsageRecorder usage;
  private final Subscriptions subscriptions;
  private final InvoiceCalculator calculator;
  private final Clock clock;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  public InvoiceClose(
      Database database,
      UsageRecorder usage,
      Subscriptions subscriptions,
      InvoiceCalculator calculator,
      Clock clock) {
    this.database = requireNonNull(database, "database is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.calculator = requireNonNull(calculator, "calculator is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  private final class Run {
    final BillingPeriod period;
    final boolean draft;
    final Instant startedAt = clock.instant();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    volatile String state = "running";
    volatile Instant finishedAt;
    volatile String error;

    Run(BillingPeriod period, boolean draft) {
      this.period = period;
      this.draft = draft;
    }

    CloseProgress progress() {
      return new CloseProgress(
          period.toString(),
          state,
          draft,
          done.get(),
          created.get(),
          skipped.get(),
          startedAt,
          finishedAt,
          error);
    }
  }

  /** Whether {@code period} has ended, so that it may be closed. */
  public boolean hasEnded(BillingPeriod period) {
    return !period.end().toInstant().isAfter(clock.instant());
  }

  /**
   * Starts closing {@code period} in the background, or returns the run already going for it.
   * Throws IllegalStateException if the month has not ended.
   */
  public CloseProgress start(BillingPeriod period, boolean draft) {
    requireEnded(period);
    Run fresh = new Run(period, draft);
    Run run =
        runs.compute(
            period.toString(),
            (k, existing) ->
                existing != null && existing.state.equals("running") ? existing : fresh);
    if (run == fresh) {
      Thread.ofVirtual().name("atrium-invoice-close-" + period).start(() -> execute(run));
    }
    return run.progress();
  }

  /** Closes {@code period} now, on the calling thread, and returns the finished progress. */
  public CloseProgress run(BillingPeriod period, boolean draft) {
    requireEnded(period);
    Run run = new Run(period, draft);
    runs.put(period.toString(), run);
    execute(run);
    return run.progress();
  }

  public Optional<CloseProgress> progress(BillingPeriod period) {
    return Optional.ofNullable(runs.get(period.toString())).map(Run::progress);
  }

  private void requireEnded(BillingPeriod period) {
    if (!hasEnded(period)) {
      throw new IllegalStateException("the month " + period + " has not ended yet");
    }
  }

  private void execute(Run run) {
    try {
      usage.flush().join();
      Map<String, Plan> plans =
          new PlanRepository(database.dsl())
              .list().stream().collect(Collectors.toMap(Plan::id, Function.identity()));
      for (int offset = 0; ; offset += PAGE) {
        List<Tenant> page = new TenantRepository(database.dsl()).list(offset, PAGE);
        for (Tenant tenant : page) {
          boolean created = closeTenant(tenant, run.period, plans, run.draft);
          (created ? run.created : run.skipped).incrementAndGet();
          run.done.incrementAndGet();
        }
        if (page.size() < PAGE) {
          break;
        }
      }
      run.state = "done";
    } catch (RuntimeException e) {
      LOG.error("Closing {} failed", run.period, e);
      run.error = "The close stopped after an error; it has been logged. Run it again to resume.";
      run.state = "failed";
    } finally {
      run.finishedAt = clock.instant();
    }
  }

  /** Writes the tenant's invoice unless it has one; returns whether it wrote one. */
  private boolean closeTenant(
      Tenant tenant, BillingPeriod period, Map<String, Plan> plans, boolean draft) {
    try {
      return database
          .dsl()
          .transactionResult(
              c -> {
                InvoiceRepository invoices = new InvoiceRepository(c.dsl());
                if (invoices.liveExists(tenant.id(), period.toString())) {
                  return false;
                }
                List<PlanSegment> segments =
                    Subscriptions.segments(
                        subscriptions.timeline(c.dsl(), tenant.id()),
                        plans,
                        period.start(),
                        period.end());
                if (segments.isEmpty()) {
                  return false;
                }
                Invoice invoice =
                    calculator.calculate(
                        UUID.randomUUID(),
                        tenant.id(),
                        period,
                        segments,
                        new UsageRepository(c.dsl())
                            .totals(tenant.id(), period.firstDay(), period.endDay()),
                        draft ? Invoice.DRAFT : Invoice.FINALISED,
                        OffsetDateTime.now(clock));
                invoices.insert(invoice);
                return true;
              });
    } catch (DataAccessException e) {
      if (e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
        return false; // another run wrote this tenant's invoice first
      }
      throw e;
    }
  }
}
