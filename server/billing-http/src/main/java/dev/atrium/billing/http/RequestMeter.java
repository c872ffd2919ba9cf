package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.QuotaExceededException;
import dev.atrium.billing.Reservation;
import dev.atrium.billing.UsageRecorder.Entry;
import dev.atrium.persistence.billing.Meter;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Metering for one API-key request, attached by {@link Admission} to every {@code /v1/**} route:
 * handlers get it with {@link #of} and
 *
 * <ul>
 *   <li>{@link #reserve} the most a piece of work may cost before starting it (402 {@code
 *       quota_exceeded} if that could pass the plan's hard limit), then {@link #settle} it to the
 *       actual quantity, or {@link #release} it if the work failed;
 *   <li>{@link #record} usage that needs no reservation.
 * </ul>
 *
 * The {@code requests} meter is recorded for every successful answer, and nothing at all for an
 * error answer. Every event's idempotency key derives from the client's {@code Idempotency-Key}
 * header and the first attempt of that request (else a random id), the meter and its order in the
 * request, so a retried request bills once (see {@link IdempotentRequests}). Settled and recorded
 * usage is staged and committed as one ledger entry (one journal record, all or nothing) when the
 * handler has finished (successfully or not), and the response is sent only after that commit: one
 * durable write per request, never an acknowledged answer whose usage a crash could lose. A handler
 * that streams its own response answers null (its usage is committed after it finished) or, so that
 * the client sees the end of the stream only once its usage is durable, a {@link Reply} holding
 * that end, which is written after the commit (see {@code ApiRoutes}).
 */
public final class RequestMeter {
  private static final String CONTEXT_KEY = "atrium.meter";

  /** The ledger retries an unreachable database every 2 s: a retry sooner finds it still down. */
  private static final int USAGE_RETRY_AFTER_SECONDS = 2;

  static final String REQUESTS = "requests";

  private final Billing billing;
  private final RoutingContext ctx;
  private final Principal principal;
  private final Plan plan;
  private String idempotencyBase;
  private IdempotencyClaim claim;
  private final Map<String, Integer> sequence = new HashMap<>();
  private final List<Entry> staged = new ArrayList<>();
  private final List<Reservation> open = new ArrayList<>();
  private Reservation request;
  private String plugin = "";
  private String model = "";
  private boolean closed;
  private long committedTokens;
  private BigDecimal committedCost = BigDecimal.ZERO;

  RequestMeter(
      Billing billing, RoutingContext ctx, Principal principal, Plan plan, String idempotencyBase) {
    this.billing = requireNonNull(billing, "billing is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.principal = requireNonNull(principal, "principal is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.idempotencyBase = requireNonNull(idempotencyBase, "idempotencyBase is null");
  }

  /** The meter of the current API-key request. */
  public static RequestMeter of(RoutingContext ctx) {
    RequestMeter meter = ctx.get(CONTEXT_KEY);
    if (meter == null) {
      throw new IllegalStateException("only API-key routes are metered");
    }
    return meter;
  }

  /** The meter of an API-key request, or null when it was refused before one was attached. */
  static RequestMeter find(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** The tenant's current plan. */
  public Plan plan() {
    return plan;
  }

  /**
   * Marks this request as a call to {@code pluginId}: refused (403 {@code plugin_not_in_plan}) when
   * the tenant's plan does not include the plugin, otherwise billed to it.
   */
  public synchronized void enterPlugin(String pluginId) {
    if (!plan.allowsPlugin(pluginId)) {
      throw Problem.forbidden(
          "plugin_not_in_plan",
          "The " + plan.name() + " plan does not include the plugin '" + pluginId + "'.");
    }
    plugin = pluginId;
  }

  /** Holds {@code maxQuantity} of {@code meter}; fails with 402 {@code quota_exceeded}. */
  public Future<Reservation> reserve(String meter, long maxQuantity) {
    meter(meter);
    return hold(billing.recorder().reserve(principal.tenantId(), meter, maxQuantity));
  }

  /**
   * Holds as much of {@code maxQuantity} of {@code meter} as the hard limit still allows ({@link
   * Reservation#held()}), for work that can stop short; fails with 402 {@code quota_exceeded} only
   * when nothing is left.
   */
  public Future<Reservation> reserveUpTo(String meter, long maxQuantity) {
    meter(meter);
    return hold(billing.recorder().reserveUpTo(principal.tenantId(), meter, maxQuantity));
  }

  private Future<Reservation> hold(CompletionStage<Reservation> reserved) {
    return hop(reserved)
        .recover(RequestMeter::quotaProblem)
        .map(
            r -> {
              synchronized (this) {
                if (closed) {
                  billing.recorder().release(r);
                  throw new IllegalStateException("the request has ended");
                }
                open.add(r);
              }
              return r;
            });
  }

  /** Ends {@code reservation} with the actual quantity used, committed with the request. */
  public void settle(Reservation reservation, long actual, String plugin, String model) {
    UsageEvent event = event(reservation.meter(), actual, plugin, model);
    synchronized (this) {
      if (closed) {
        return; // the client went away and close() let go of every hold: nothing is billed
      }
      if (!open.remove(reservation)) {
        throw new IllegalStateException("the reservation is not open in this request");
      }
      staged.add(new Entry(event, reservation));
    }
    debitTokens(event);
  }

  /** Lets go of a reservation whose work failed. */
  public void release(Reservation reservation) {
    synchronized (this) {
      open.remove(reservation);
    }
    billing.recorder().release(reservation);
  }

  /**
   * Records {@code quantity} of {@code meter}, caused by {@code plugin} with {@code model} (empty
   * strings when they do not apply), committed with the request.
   */
  public void record(String meter, long quantity, String plugin, String model) {
    meter(meter);
    UsageEvent event = event(meter, quantity, plugin, model);
    synchronized (this) {
      if (closed) {
        return; // as in settle: the request ended without an answer
      }
      staged.add(Entry.of(event));
    }
    debitTokens(event);
  }

  /** Binds the request's held {@code Idempotency-Key}: its usage keys derive from the claim. */
  synchronized void claimed(IdempotencyClaim claim) {
    this.claim = claim;
    this.idempotencyBase = claim.usageBase();
  }

  /** Reserves the request itself against the {@code requests} hard limit (at admission). */
  Future<Void> reserveRequest() {
    return reserve(REQUESTS, 1)
        .map(
            r -> {
              synchronized (this) {
                open.remove(r);
                request = r;
              }
              return null;
            });
  }

  /**
   * After the handler finished: a successful answer records the request and commits the request's
   * usage as one ledger entry; the outcome passes on only once that is durable. A failed write
   * fails the request (503), so the client retries and nothing is billed that it was not told
   * about. An error answer (4xx or 5xx, unless a stream had already started) commits nothing: every
   * hold and staged event is let go, so Atrium never bills a request it refused or failed. Then the
   * request's {@code Idempotency-Key}, if it holds one, is settled.
   */
  public static Future<Reply> finish(RoutingContext ctx, AsyncResult<Reply> outcome) {
    RequestMeter meter = ctx.get(CONTEXT_KEY);
    if (meter == null) {
      return pass(outcome);
    }
    return meter.finish(outcome);
  }

  private Future<Reply> finish(AsyncResult<Reply> outcome) {
    Reservation held;
    List<Entry> entries;
    boolean abandoned;
    synchronized (this) {
      abandoned = closed;
      held = request;
      request = null;
      entries = new ArrayList<>(staged);
      staged.clear();
    }
    if (status(outcome) >= 400) {
      entries.stream()
          .map(Entry::settles)
          .filter(Objects::nonNull)
          .forEach(billing.recorder()::release);
      entries.clear();
      if (held != null) {
        billing.recorder().release(held);
      }
    } else if (held != null) {
      entries.add(new Entry(event(REQUESTS, 1, plugin, model), held));
    }
    Future<Reply> committed =
        entries.isEmpty()
            ? pass(outcome)
            : hop(billing.recorder().commit(entries))
                .transform(
                    written ->
                        written.succeeded()
                            ? noteCommitted(entries, outcome)
                            : Future.failedFuture(
                                Problem.unavailable(
                                    "usage_not_recorded",
                                    "The usage of this request could not be recorded; retry it"
                                        + " with the same Idempotency-Key after Retry-After"
                                        + " seconds.",
                                    USAGE_RETRY_AFTER_SECONDS)));
    return claim == null
        ? committed
        : committed.transform(result -> claim.settle(ctx, result, abandoned));
  }

  /**
   * Notes the tokens and list-price cost of the usage just committed, for the request log, and
   * passes {@code outcome} on.
   */
  private Future<Reply> noteCommitted(List<Entry> entries, AsyncResult<Reply> outcome) {
    long tokens = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (Entry entry : entries) {
      UsageEvent e = entry.event();
      if (meter(e.meter()).countsTokens()) {
        tokens += e.quantity();
      }
      cost = cost.add(plan.listPrice(e.meter()).multiply(BigDecimal.valueOf(e.quantity())));
    }
    synchronized (this) {
      committedTokens = tokens;
      committedCost = cost;
    }
    return pass(outcome);
  }

  /** Tokens of the usage this request committed (0 until it has). */
  public synchronized long committedTokens() {
    return committedTokens;
  }

  /** The list price of the usage this request committed (0 until it has). */
  public synchronized BigDecimal committedCost() {
    return committedCost;
  }

  /** What the client is told: the stream's status once one started, else the outcome's. */
  private int status(AsyncResult<Reply> outcome) {
    if (ctx.response().headWritten()) {
      return ctx.response().getStatusCode();
    }
    if (outcome.failed()) {
      return outcome.cause() instanceof Problem p ? p.status() : 500;
    }
    return outcome.result() == null ? ctx.response().getStatusCode() : outcome.result().status();
  }

  private static Future<Reply> pass(AsyncResult<Reply> outcome) {
    return outcome.succeeded()
        ? Future.succeededFuture(outcome.result())
        : Future.failedFuture(outcome.cause());
  }

  /** Called when the response has ended: gives back the concurrency slot and any holds. */
  void close() {
    List<Reservation> leftover;
    synchronized (this) {
      closed = true;
      leftover = new ArrayList<>(open);
      open.clear();
      staged.stream().map(Entry::settles).filter(Objects::nonNull).forEach(leftover::add);
      staged.clear();
      if (request != null) {
        leftover.add(request);
        request = null;
      }
    }
    leftover.forEach(billing.recorder()::release);
    billing.concurrency().exit(principal.tenantId());
  }

  void attach() {
    ctx.put(CONTEXT_KEY, this);
  }

  private Meter meter(String name) {
    return billing
        .meters()
        .find(name)
        .orElseThrow(() -> new IllegalArgumentException("no meter named '" + name + "'"));
  }

  private synchronized UsageEvent event(String meter, long quantity, String plugin, String model) {
    requireNonNull(plugin, "plugin is null");
    requireNonNull(model, "model is null");
    if (this.plugin.isEmpty()) {
      this.plugin = plugin;
    }
    if (this.model.isEmpty()) {
      this.model = model;
    }
    int n = sequence.merge(meter, 1, Integer::sum) - 1;
    return new UsageEvent(
        principal.tenantId(),
        idempotencyBase + ":" + meter + ":" + n,
        principal.keyId(),
        plugin,
        model,
        meter,
        quantity,
        OffsetDateTime.now(billing.clock()));
  }

  private void debitTokens(UsageEvent event) {
    if (meter(event.meter()).countsTokens()) {
      billing
          .rateLimiter()
          .debitTokens(
              principal.tenantId(), principal.keyId(), plan.rateLimits(), event.quantity());
    }
  }

  private <T> Future<T> hop(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
  }

  private static <T> Future<T> quotaProblem(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof QuotaExceededException e) {
      return Future.failedFuture(new Problem(402, "quota_exceeded", e.getMessage()));
    }
    return Future.failedFuture(cause);
  }
}
