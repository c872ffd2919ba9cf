package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.CloseProgress;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.http.Schemas;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Invoices: the tenant's (admins and owners; drafts are not shown), and the operator's monthly
 * close, review, finalisation and voiding.
 */
public final class InvoiceApi {
  private static final String TAG = "Billing";
  private static final JsonObject PERIOD =
      new JsonObject().put("type", "string").put("pattern", "^[0-9]{4}-(0[1-9]|1[0-2])$");

  private final Invoices invoices;
  private final Billing billing;
  private final BillingAudit audit;

  public InvoiceApi(Invoices invoices, Billing billing, BillingAudit audit) {
    this.invoices = requireNonNull(invoices, "invoices is null");
    this.billing = requireNonNull(billing, "billing is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/invoices",
        Access.member(Role.ADMIN),
        Operation.of(TAG, "The tenant's invoices, newest month first")
            .responds(200, "The invoices (no drafts)", BillingSchemas.INVOICES),
        this::list);
    routes.add(
        HttpMethod.GET,
        "/api/invoices/{id}",
        Access.member(Role.ADMIN),
        document(Operation.of(TAG, "One invoice with its lines: JSON, CSV or printable HTML")),
        ctx -> get(ctx, Principal.of(ctx).tenantId()));
    routes.add(
        HttpMethod.GET,
        "/api/admin/invoices",
        Access.operator(),
        Operation.of(TAG, "Every tenant's invoices of a month (?period=YYYY-MM)")
            .query("period", true, PERIOD, "The month, YYYY-MM")
            .responds(200, "The invoices, drafts included", BillingSchemas.PERIOD_INVOICES),
        this::listPeriod);
    routes.add(
        HttpMethod.POST,
        "/api/admin/invoices/close",
        Access.operator(),
        Operation.of(
                TAG,
                "Start the monthly close of an ended month (?period=YYYY-MM&draft=false); idempotent")
            .query("period", true, PERIOD, "The ended month to close, YYYY-MM")
            .query(
                "draft",
                false,
                new JsonObject().put("type", "boolean").put("default", false),
                "Leave the invoices as drafts (finalise or void them one by one)")
            .responds(202, "Close running or finished; poll GET for progress", BillingSchemas.CLOSE)
            .responds(409, "The month has not ended"),
        this::close);
    routes.add(
        HttpMethod.GET,
        "/api/admin/invoices/close",
        Access.operator(),
        Operation.of(TAG, "Progress of the monthly close (?period=YYYY-MM)")
            .query("period", true, PERIOD, "The month, YYYY-MM")
            .responds(200, "The close", BillingSchemas.CLOSE)
            .responds(404, "No close of that month was started"),
        this::progress);
    // After /close, which {id} would otherwise match.
    routes.add(
        HttpMethod.GET,
        "/api/admin/invoices/{id}",
        Access.operator(),
        document(Operation.of(TAG, "Any invoice: JSON, CSV or printable HTML")),
        ctx -> get(ctx, null));
    routes.add(
        HttpMethod.POST,
        "/api/admin/invoices/{id}/finalise",
        Access.operator(),
        Operation.of(TAG, "Finalise a draft invoice")
            .responds(200, "The invoice", BillingSchemas.INVOICE)
            .responds(409, "Not a draft"),
        ctx -> transition(ctx, true));
    routes.add(
        HttpMethod.POST,
        "/api/admin/invoices/{id}/void",
        Access.operator(),
        Operation.of(TAG, "Void an invoice; the month can then be closed again for the tenant")
            .responds(200, "The invoice", BillingSchemas.INVOICE)
            .responds(409, "Already void"),
        ctx -> transition(ctx, false));
  }

  /** {@code operation} answering one invoice as JSON, CSV or HTML, chosen by ?format= or Accept. */
  private static Operation document(Operation operation) {
    return operation
        .query("format", false, Schemas.oneOf("json", "csv", "html"), "Overrides the Accept header")
        .responds(200, "The invoice", BillingSchemas.INVOICE)
        .responds(200, "The invoice", "text/csv", JsonSchema.string())
        .responds(200, "The invoice", "text/html", JsonSchema.string());
  }

  private Future<Reply> list(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    UUID tenantId = Principal.of(ctx).tenantId();
    return invoices.list(tenantId).map(InvoiceApi::page);
  }

  private Future<Reply> listPeriod(RoutingContext ctx) {
    Query.only(ctx, Set.of("period"));
    BillingPeriod period = Query.period(ctx, true);
    // The operator reads tenants by name: each row carries its tenant's.
    return invoices
        .listPeriod(period.toString())
        .map(
            named ->
                Reply.list(
                    new JsonArray(
                        named.stream()
                            .map(
                                n ->
                                    (Object)
                                        InvoiceDocuments.summary(n.invoice())
                                            .put("tenantName", n.tenantName()))
                            .toList())));
  }

  private Future<Reply> get(RoutingContext ctx, UUID tenantId) {
    Query.only(ctx, Set.of("format"));
    UUID id = Query.pathId(ctx, "The invoice");
    return invoices
        .find(tenantId, id)
        .map(
            found -> {
              Invoice invoice =
                  found
                      .filter(i -> tenantId == null || !Invoice.DRAFT.equals(i.status()))
                      .orElseThrow(() -> Problem.notFound("The invoice"));
              return InvoiceDocuments.render(ctx, invoice);
            });
  }

  private Future<Reply> close(RoutingContext ctx) {
    Query.only(ctx, Set.of("period", "draft"));
    BillingPeriod period = Query.period(ctx, true);
    boolean draft = Query.flag(ctx, "draft");
    if (!billing.invoiceClose().hasEnded(period)) {
      throw Problem.conflict(
          "period_not_ended",
          "The month " + period + " has not ended; it can be closed from " + period.end() + " on.");
    }
    CloseProgress progress = billing.invoiceClose().start(period, draft);
    return audit
        .record(
            ctx,
            null,
            "invoices.close_started",
            "period:" + period,
            new JsonObject().put("draft", draft))
        .map(v -> Reply.json(202, json(progress)));
  }

  private Future<Reply> progress(RoutingContext ctx) {
    Query.only(ctx, Set.of("period"));
    BillingPeriod period = Query.period(ctx, true);
    CloseProgress progress =
        billing
            .invoiceClose()
            .progress(period)
            .orElseThrow(() -> Problem.notFound("A close of " + period));
    return Future.succeededFuture(Reply.ok(json(progress)));
  }

  private Future<Reply> transition(RoutingContext ctx, boolean finalise) {
    Query.only(ctx, Set.of());
    UUID id = Query.pathId(ctx, "The invoice");
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return invoices
        .transition(id, finalise, now)
        .compose(
            invoice ->
                audit
                    .record(
                        ctx,
                        invoice.tenantId(),
                        finalise ? "invoice.finalised" : "invoice.voided",
                        "invoice:" + id,
                        null)
                    .map(v -> Reply.ok(InvoiceDocuments.json(invoice))));
  }

  private static Reply page(List<Invoice> invoices) {
    return Reply.list(
        new JsonArray(invoices.stream().map(i -> (Object) InvoiceDocuments.summary(i)).toList()));
  }

  private static JsonObject json(CloseProgress p) {
    return new JsonObject()
        .put("period", p.period())
        .put("state", p.state())
        .put("draft", p.draft())
        .put("tenantsDone", p.tenantsDone())
        .put("invoicesCreated", p.invoicesCreated())
        .put("tenantsSkipped", p.tenantsSkipped())
        .put("startedAt", p.startedAt().toString())
        .put("finishedAt", p.finishedAt() == null ? null : p.finishedAt().toString())
        .put("error", p.error());
  }
}
