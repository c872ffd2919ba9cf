package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one way usage enters Atrium: quota reservations against hard limits, then recording into the
 * durable {@link UsageLedger}. It keeps each tenant's month per meter in memory ({@link
 * QuotaAccount}) so that a reservation is checked against used + pending + reserved under one lock:
 * concurrent requests cannot overshoot a hard limit. Soft-limit warnings (80% and 100%) go to
 * {@code warnings} as commits cross them. Accounts are per process: limits hold exactly on one
 * replica; with several, each replica sees the others' usage only after reloading (see
 * docs/billing.md).
 */
public final class UsageRecorder implements AutoCloseable {
  private record AccountId(UUID tenantId, String meter, BillingPeriod period) {}

  private final PlanBook plans;
  private final Clock clock;
  private final Consumer<QuotaWarning> warnings;
  private final Cache<AccountId, QuotaAccount> accounts =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).build();
  private final UsageLedger ledger;

  /** Opens the ledger as {@code settings} say (moving a crash's journal into the database). */
  public UsageRecorder(
      Database database,
      BillingSettings settings,
      PlanBook plans,
      Clock clock,
      Consumer<QuotaWarning> warnings) {
    this.plans = requireNonNull(plans, "plans is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.warnings = requireNonNull(warnings, "warnings is null");
    this.ledger =
        new UsageLedger(
            database,
            settings.usageJournalDir(),
            settings.ledgerBatchSize(),
            settings.ledgerApplyInterval(),
            settings.ledgerMaxUnapplied(),
            this::committed);
  }

  /**
   * Holds {@code max} units of {@code meter} for the tenant, or fails with {@link
   * QuotaExceededException} if that could take this month past the plan's hard limit.
   */
  public CompletableFuture<Reservation> reserve(UUID tenantId, String meter, long max) {
    return reserve(tenantId, meter, max, false);
  }

  /**
   * Holds as much of {@code max} units of {@code meter} as the plan's hard limit still allows this
   * month ({@link Reservation#held()} says how much), for work that can do with less, such as a
   * generation that stops at a lower token limit; fails with {@link QuotaExceededException} only
   * when nothing is left.
   */
  public CompletableFuture<Reservation> reserveUpTo(UUID tenantId, String meter, long max) {
    return reserve(tenantId, meter, max, true);
  }

  private CompletableFuture<Reservation> reserve(
      UUID tenantId, String meter, long max, boolean partial) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    QuotaAccount account = account(tenantId, meter, OffsetDateTime.now(clock));
    return plans
        .planOf(tenantId)
        .thenCompose(
            plan -> {
              Long hard = hardLimit(plan, meter);
              CompletableFuture<Void> ready =
                  hard == null ? CompletableFuture.completedFuture(null) : load(account, plan);
              return ready.thenApply(
                  v -> {
                    long held = max;
                    synchronized (account) {
                      if (hard != null && account.committed() + max > hard) {
                        long left = hard - account.committed();
                        if (!partial || left <= 0) {
                          throw new QuotaExceededException(meter, hard, account.committed());
                        }
                        held = left;
                      }
                      account.reserved += held;
                    }
                    return new Reservation(account, held);
                  });
            });
  }

  /**
   * Records usage that was not reserved; completes once durable (a repeated idempotency key is
   * stored once).
   */
  public CompletableFuture<Void> record(UsageEvent event) {
    addPending(event);
    return ledger.append(event);
  }

  /**
   * Usage to store: an event and, if it ends one, the reservation that held units for it (the
   * actual quantity may differ from what was held).
   */
  public record Entry(UsageEvent event, Reservation settles) {
    public Entry {
      requireNonNull(event, "event is null");
    }

    public static Entry of(UsageEvent event) {
      return new Entry(event, null);
    }
  }

  /**
   * Stores {@code entries} as one ledger entry (all or none), ending their reservations: each
   * actual quantity becomes pending before its hold is let go, so the account never shows less than
   * it will. The future completes once all are durable (events stored before count as done).
   */
  public CompletableFuture<Void> commit(List<Entry> entries) {
    if (entries.stream().anyMatch(e -> e.settles() != null && !e.settles().isOpen())) {
      throw new IllegalStateException("a reservation was already settled or released");
    }
    for (Entry entry : entries) {
      addPending(entry.event());
      if (entry.settles() != null) {
        release(entry.settles());
      }
    }
    return ledger.appendAll(entries.stream().map(Entry::event).toList());
  }

  /** Completes once all usage recorded so far is in the database, for reports and invoices. */
  public CompletableFuture<Void> flush() {
    return ledger.flush();
  }

  /** Lets go of a reservation whose work failed; does nothing if it already ended. */
  public void release(Reservation reservation) {
    if (reservation.end()) {
      QuotaAccount held = reservation.account();
      synchronized (held) {
        held.reserved -= reservation.held();
      }
    }
  }

  /** Units reserved or recorded but not yet committed, for the dashboard. */
  public long inFlight(UUID tenantId, String meter) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    QuotaAccount account =
        accounts.getIfPresent(new AccountId(tenantId, meter, BillingPeriod.containing(now)));
    if (account == null) {
      return 0;
    }
    synchronized (account) {
      return account.pending + account.reserved;
    }
  }

  public UsageLedger ledger() {
    return ledger;
  }

  private void addPending(UsageEvent event) {
    QuotaAccount account = account(event.tenantId(), event.meter(), event.occurredAt());
    synchronized (account) {
      account.pending += event.quantity();
    }
    track(account);
  }

  /** Starts following an account that has a limit to warn about (queued before its usage). */
  private void track(QuotaAccount account) {
    Plan plan = plans.cachedPlanOf(account.tenantId());
    if (plan != null && warnLimit(plan, account.meter()) != null) {
      load(account, plan);
    }
  }

  private QuotaAccount account(UUID tenantId, String meter, OffsetDateTime at) {
    BillingPeriod period = BillingPeriod.containing(at);
    return accounts.get(
        new AccountId(tenantId, meter, period), id -> new QuotaAccount(tenantId, meter, period));
  }

  /**
   * Loads the account's committed usage from the daily rollup, once, on the ledger's writer thread:
   * no batch commits between the read and the account taking it in, so none is counted twice or
   * missed.
   */
  private CompletableFuture<Void> load(QuotaAccount account, Plan plan) {
    synchronized (account) {
      if (account.loading == null || account.loading.isCompletedExceptionally()) {
        Long warnAt = warnLimit(plan, account.meter());
        account.loading =
            ledger.read(
                dsl -> {
                  long total =
                      new UsageRepository(dsl)
                          .total(
                              account.tenantId(),
                              account.meter(),
                              account.period().firstDay(),
                              account.period().endDay());
                  synchronized (account) {
                    account.used = total;
                    account.loaded = true;
                    account.warned = QuotaWarning.level(total, warnAt);
                  }
                  return null;
                });
      }
      return account.loading;
    }
  }

  private void committed(List<UsageEvent> batch, Set<UsageEvent> stored) {
    List<QuotaWarning> crossed = new ArrayList<>();
    for (UsageEvent event : batch) {
      BillingPeriod period = BillingPeriod.containing(event.occurredAt());
      QuotaAccount account =
          accounts.getIfPresent(new AccountId(event.tenantId(), event.meter(), period));
      if (account == null) {
        continue;
      }
      synchronized (account) {
        account.pending -= event.quantity();
        if (stored.contains(event) && account.loaded) {
          account.used += event.quantity();
          Plan plan = plans.cachedPlanOf(event.tenantId());
          Long warnAt = plan == null ? null : warnLimit(plan, event.meter());
          int level = QuotaWarning.level(account.used, warnAt);
          if (level > account.warned) {
            account.warned = level;
            crossed.add(
                new QuotaWarning(
                    event.tenantId(),
                    event.meter(),
                    level,
                    account.used,
                    warnAt,
                    period.toString()));
          }
        }
      }
    }
    crossed.forEach(warnings);
  }

  private static Long hardLimit(Plan plan, String meter) {
    PlanMeter terms = plan.meters().get(meter);
    return terms == null ? null : terms.hardLimit();
  }

  /** Warnings are against the soft limit, or the hard limit when there is no soft one. */
  static Long warnLimit(Plan plan, String meter) {
    PlanMeter terms = plan.meters().get(meter);
    if (terms == null) {
      return null;
    }
    return terms.softLimit() != null ? terms.softLimit() : terms.hardLimit();
  }

  /** Writes everything queued, then stops the ledger. */
  @Override
  public void close() {
    ledger.close();
  }
}
