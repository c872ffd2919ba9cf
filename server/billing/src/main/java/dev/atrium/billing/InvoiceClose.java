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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly close: one invoice per tenant for an ended month, computed from the daily rollup
 * (after the ledger has moved all usage acknowledged so far into it) and the tenant's
 * subscriptions. Tenants are closed {@value #GROUP} to a transaction, so that a month of thousands
 * of tenants waits for a few dozen durable commits rather than one per tenant; an invoice is always
 * written whole with its lines. Idempotent: a tenant that already has a live invoice for the month
 * is skipped, and the database's unique constraint settles races between runs (or replicas): a
 * group that meets one is rolled back and closed again one tenant at a time. Progress is kept per
 * month while the process lives.
 *
 * <p>Each unit of database work (the plans, a page of tenants, a group's transaction) runs on the
 * executor given at construction (the server's named {@code atrium-db} executor); the run itself
 * only waits for them, on its own {@code atrium-invoice-close-<period>} virtual thread when started
 * in the background, and takes no connection.
 */
public final class InvoiceClose {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceClose.class);
  private static final int PAGE = 500;
  private static final int GROUP = 50;
  private static final String LOCK_TIMEOUT = "HYT00";
  private static final int LOCK_ATTEMPTS = 5;

  private final Database database;
  private final UsageRecorder usage;
  private final Subscriptions subscriptions;
  private final InvoiceCalculator calculator;
  private final Clock clock;
  private final Executor jdbc;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  public InvoiceClose(
      Database database,
      UsageRecorder usage,
      Subscriptions subscriptions,
      InvoiceCalculator calculator,
      Clock clock,
      Executor jdbc) {
    this.database = requireNonNull(database, "database is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.calculator = requireNonNull(calculator, "calculator is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
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

  /**
   * Closes {@code period} now, waiting on the calling thread for its database work, and returns the
   * finished progress.
   */
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
          onDatabase(
              () ->
                  new PlanRepository(database.dsl())
                      .list().stream().collect(Collectors.toMap(Plan::id, Function.identity())));
      for (int offset = 0; ; offset += PAGE) {
        int first = offset;
        List<Tenant> page =
            onDatabase(() -> new TenantRepository(database.dsl()).list(first, PAGE));
        for (int from = 0; from < page.size(); from += GROUP) {
          closeGroup(page.subList(from, Math.min(page.size(), from + GROUP)), run, plans);
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

  /**
   * Writes the invoices of {@code group} missing one in one transaction; if another run wrote one
   * of them meanwhile (or holds it in its own open transaction), one tenant at a time instead.
   */
  private void closeGroup(List<Tenant> group, Run run, Map<String, Plan> plans) {
    int created;
    try {
      created =
          onDatabase(
              () ->
                  database
                      .dsl()
                      .transactionResult(
                          c -> {
                            int written = 0;
                            for (Tenant tenant : group) {
                              written += writeInvoice(c.dsl(), tenant, run, plans) ? 1 : 0;
                            }
                            return written;
                          }));
    } catch (DataAccessException e) {
      if (!raced(e) && !lockTimedOut(e)) {
        throw e;
      }
      created = 0;
      for (Tenant tenant : group) {
        created += closeTenant(tenant, run, plans) ? 1 : 0;
      }
    }
    run.created.addAndGet(created);
    run.skipped.addAndGet(group.size() - created);
    run.done.addAndGet(group.size());
  }

  /**
   * Writes the tenant's invoice in its own transaction unless it has one; whether it wrote one. A
   * wait for another run's open transaction that times out (H2 gives up after a second) is tried
   * again: once that transaction ends, the invoice is there or can be written.
   */
  private boolean closeTenant(Tenant tenant, Run run, Map<String, Plan> plans) {
    for (int attempt = 1; ; attempt++) {
      try {
        return onDatabase(
            () -> database.dsl().transactionResult(c -> writeInvoice(c.dsl(), tenant, run, plans)));
      } catch (DataAccessException e) {
        if (raced(e)) {
          return false; // another run wrote this tenant's invoice first
        }
        if (!lockTimedOut(e) || attempt == LOCK_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Runs {@code work} on the JDBC executor and waits for it; rethrows its failure as it was. */
  private <T> T onDatabase(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, jdbc).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Another run wrote an invoice first: the unique constraint on the live invoice. */
  private static boolean raced(DataAccessException e) {
    return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
  }

  /** A wait for a row another transaction holds gave up (H2's lock timeout). */
  private static boolean lockTimedOut(DataAccessException e) {
    return LOCK_TIMEOUT.equals(e.sqlState());
  }

  /** Writes the tenant's invoice in the caller's transaction unless it has one. */
  private boolean writeInvoice(DSLContext dsl, Tenant tenant, Run run, Map<String, Plan> plans) {
    BillingPeriod period = run.period;
    InvoiceRepository invoices = new InvoiceRepository(dsl);
    if (invoices.liveExists(tenant.id(), period.toString())) {
      return false;
    }
    List<PlanSegment> segments =
        Subscriptions.segments(
            subscriptions.timeline(dsl, tenant), plans, period.start(), period.end());
    if (segments.isEmpty()) {
      return false;
    }
    Invoice invoice =
        calculator.calculate(
            UUID.randomUUID(),
            tenant.id(),
            period,
            segments,
            new UsageRepository(dsl).totals(tenant.id(), period.firstDay(), period.endDay()),
            run.draft ? Invoice.DRAFT : Invoice.FINALISED,
            OffsetDateTime.now(clock));
    invoices.insert(invoice);
    return true;
  }
}
