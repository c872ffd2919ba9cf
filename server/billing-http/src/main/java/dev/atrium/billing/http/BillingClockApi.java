package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.BillingClock;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The billing test clock (docs/billing.md#test-clock): the operator reads billing time and, on a
 * development server that enables it ({@code billing.test-clock}), moves it forward, so that a
 * month ends and can be closed in a test. Never in the prod profile.
 */
public final class BillingClockApi {
  private static final String TAG = "Billing";

  private final BillingClock clock;
  private final boolean enabled;
  private final boolean production;
  private final BillingAudit audit;

  public BillingClockApi(
      BillingClock clock, boolean enabled, boolean production, BillingAudit audit) {
    this.clock = requireNonNull(clock, "clock is null");
    this.enabled = enabled;
    this.production = production;
    this.audit = requireNonNull(audit, "audit is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/billing/clock",
        Access.operator(),
        Operation.of(TAG, "Billing time now, and whether its test clock can be advanced")
            .responds(200, "Billing time", BillingSchemas.CLOCK),
        ctx -> {
          Query.only(ctx, Set.of());
          return Future.succeededFuture(Reply.ok(state()));
        });
    routes.add(
        HttpMethod.POST,
        "/api/admin/billing/clock",
        Access.operator(),
        Operation.of(TAG, "Advance billing time (test clock; development servers only)")
            .body(
                new JsonObject()
                    .put("type", "object")
                    .put("required", new JsonArray().add("advanceTo"))
                    .put(
                        "properties",
                        new JsonObject().put("advanceTo", dev.atrium.http.Schemas.dateTime()))
                    .put("additionalProperties", false))
            .responds(200, "Billing time", BillingSchemas.CLOCK)
            .responds(
                409,
                "The prod profile never runs a test clock; or it is not enabled"
                    + " (billing.test-clock); or the time is not ahead"),
        this::advance);
  }

  private Future<Reply> advance(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    OffsetDateTime target =
        JsonBody.parse(ctx, Set.of("advanceTo"))
            .optionalTimestamp("advanceTo")
            .orElseThrow(() -> PlanJson.invalid("advanceTo", "is required"));
    // The caller may use it; the server's state decides: a conflict, not a permission.
    if (production) {
      throw Problem.conflict(
          "test_clock_in_production",
          "The billing test clock never runs in the prod profile: billing time is real time.");
    }
    if (!enabled) {
      throw Problem.conflict(
          "test_clock_disabled",
          "The billing test clock is off; set billing.test-clock=true"
              + " (ATRIUM_BILLING_TEST_CLOCK) on a development server to use it.");
    }
    OffsetDateTime before = OffsetDateTime.now(clock);
    try {
      clock.advanceTo(target.toInstant());
    } catch (IllegalArgumentException e) {
      throw Problem.conflict(
          "clock_cannot_go_back", "Billing time only moves forward; it is already " + before + ".");
    }
    return audit
        .record(
            ctx,
            null,
            "billing.clock_advanced",
            "billing-clock",
            new JsonObject().put("from", before.toString()).put("to", target.toString()))
        .map(v -> Reply.ok(state()));
  }

  private JsonObject state() {
    return new JsonObject()
        .put(
            "now",
            Timestamps.rfc3339(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)))
        .put("offsetSeconds", clock.offset().toSeconds())
        .put("advanceable", enabled && !production);
  }
}
