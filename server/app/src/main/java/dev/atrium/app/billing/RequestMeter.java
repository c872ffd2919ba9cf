package dev.atrium.app.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.app.auth.Principal;
import dev.atrium.app.http.Problem;
import dev.atrium.app.http.Reply;
import dev.atrium.billing.Billing;
import dev.atrium.billing.QuotaExceededException;
import dev.atrium.billing.Reservation;
import dev.atrium.persistence.billing.Meter;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.UsageEvent;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The {@code requests} meter is recorded for every successful answer. Every event's idempotency key
 * derives from the client's {@code Idempotency-Key} header (else a random id), the meter and its
 * order in the request, so a retried request bills once. The response is sent only after all of the
 * request's usage is durable; a handler that writes its own (streamed) response must wait for the
 * futures these methods return before ending it.
 */
public final class RequestMeter {
  private static final String CONTEXT_KEY = "atrium.meter";
  static final String REQUESTS = "requests";

  private final Billing billing;
  private final RoutingContext ctx;
  private final Principal principal;
  private final Plan plan;
  private final String idempotencyBase;
  private final Map<String, Integer> sequence = new HashMap<>();
  private final List<Future<?>> writes = new ArrayList<>();
  private final List<Reservation> open = new ArrayList<>();
  private Reservation request;
  private String plugin = "";
  private String model = "";
  private boolean closed;

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
    return hop(billing.recorder().reserve(principal.tenantId(), meter, maxQuantity))
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

  /** Ends {@code reservation} with the actual quantity used; durable when the future completes. */
  public Future<Void> settle(Reservation reservation, long actual, String plugin, String model) {
    UsageEvent event = event(reservation.meter(), actual, plugin, model);
    synchronized (this) {
      open.remove(reservation);
    }
    return track(billing.recorder().settle(reservation, event), event);
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
   * strings when they do not apply); durable when the future completes.
   */
  public Future<Void> record(String meter, long quantity, String plugin, String model) {
    meter(meter);
    UsageEvent event = event(meter, quantity, plugin, model);
    return track(billing.recorder().record(event), event);
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
   * After the handler answered: a successful answer records the request; either way the reply waits
   * until every usage event of the request is durable. A failed write fails the request (503), so
   * the client retries and nothing is billed that it was not told about.
   */
  public static Future<Reply> finish(RoutingContext ctx, Reply reply) {
    RequestMeter meter = ctx.get(CONTEXT_KEY);
    if (meter == null) {
      return Future.succeededFuture(reply);
    }
    return meter.finish(reply);
  }

  private Future<Reply> finish(Reply reply) {
    Reservation held;
    synchronized (this) {
      held = request;
      request = null;
    }
    int status = reply == null ? ctx.response().getStatusCode() : reply.status();
    if (held != null) {
      if (status < 400) {
        UsageEvent event = event(REQUESTS, 1, plugin, model);
        track(billing.recorder().settle(held, event), event);
      } else {
        billing.recorder().release(held);
      }
    }
    List<Future<?>> pending;
    synchronized (this) {
      pending = List.copyOf(writes);
    }
    return Future.all(pending)
        .map(v -> reply)
        .recover(
            e ->
                Future.failedFuture(
                    new Problem(
                        503,
                        "usage_not_recorded",
                        "The usage of this request could not be recorded; retry it with the same"
                            + " Idempotency-Key.")));
  }

  /** Called when the response has ended: gives back the concurrency slot and any holds. */
  void close() {
    List<Reservation> leftover;
    synchronized (this) {
      closed = true;
      leftover = new ArrayList<>(open);
      open.clear();
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

  private Future<Void> track(CompletionStage<Boolean> stored, UsageEvent event) {
    if (meter(event.meter()).countsTokens()) {
      billing
          .rateLimiter()
          .debitTokens(
              principal.tenantId(), principal.keyId(), plan.rateLimits(), event.quantity());
    }
    Future<Void> write = hop(stored).mapEmpty();
    synchronized (this) {
      writes.add(write);
    }
    return write;
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
