package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.INVOICES;
import static dev.atrium.persistence.jooq.Tables.INVOICE_LINES;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.InvoiceLinesRecord;
import dev.atrium.persistence.jooq.tables.records.InvoicesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Invoices and their lines. At most one live (not void) invoice exists per tenant and month: the
 * database refuses a second one, which makes the monthly close idempotent even when two runs race.
 */
public final class InvoiceRepository {
  private final DSLContext dsl;

  public InvoiceRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public boolean liveExists(UUID tenantId, String period) {
    return dsl.fetchExists(
        INVOICES, INVOICES.TENANT_ID.eq(tenantId).and(INVOICES.OPEN_PERIOD.eq(period)));
  }

  /** Inserts the invoice and its lines; run it in a transaction. */
  public void insert(Invoice invoice) {
    dsl.insertInto(INVOICES)
        .set(INVOICES.ID, invoice.id())
        .set(INVOICES.TENANT_ID, invoice.tenantId())
        .set(INVOICES.PERIOD, invoice.period())
        .set(INVOICES.OPEN_PERIOD, Invoice.VOID.equals(invoice.status()) ? null : invoice.period())
        .set(INVOICES.STATUS, invoice.status())
        .set(INVOICES.CURRENCY, invoice.currency())
        .set(INVOICES.SUBTOTAL, invoice.subtotal())
        .set(INVOICES.DISCOUNT_PERCENT, invoice.discountPercent())
        .set(INVOICES.DISCOUNT, invoice.discount())
        .set(INVOICES.TAX_PERCENT, invoice.taxPercent())
        .set(INVOICES.TAX, invoice.tax())
        .set(INVOICES.TOTAL, invoice.total())
        .set(INVOICES.ISSUED_AT, invoice.issuedAt())
        .set(INVOICES.FINALISED_AT, invoice.finalisedAt())
        .set(INVOICES.VOIDED_AT, invoice.voidedAt())
        .execute();
    // The lines as one batch: one round trip, whatever their number.
    dsl.batchInsert(
            invoice.lines().stream()
                .map(
                    line ->
                        new InvoiceLinesRecord(
                            invoice.id(),
                            line.lineNo(),
                            line.kind(),
                            line.description(),
                            line.meter(),
                            line.plugin(),
                            line.quantity(),
                            line.included(),
                            line.unitPrice(),
                            line.amount()))
                .toList())
        .execute();
  }

  /** One invoice with its lines; {@code tenantId} null is the operator's lookup across tenants. */
  public Optional<Invoice> find(UUID tenantId, UUID invoiceId) {
    Condition tenant = tenantId == null ? DSL.noCondition() : INVOICES.TENANT_ID.eq(tenantId);
    return dsl.selectFrom(INVOICES)
        .where(tenant)
        .and(INVOICES.ID.eq(invoiceId))
        .fetchOptional()
        .map(r -> toInvoice(r).withLines(lines(invoiceId)));
  }

  /** A tenant's invoices (without lines), newest period first; drafts only if asked for. */
  public List<Invoice> list(UUID tenantId, boolean withDrafts) {
    Condition drafts = withDrafts ? DSL.noCondition() : INVOICES.STATUS.ne(Invoice.DRAFT);
    return dsl.selectFrom(INVOICES)
        .where(INVOICES.TENANT_ID.eq(tenantId))
        .and(drafts)
        .orderBy(INVOICES.PERIOD.desc(), INVOICES.ISSUED_AT.desc())
        .fetch(InvoiceRepository::toInvoice);
  }

  /** Every tenant's invoices of one month (without lines), for the operator. */
  public List<Invoice> listPeriod(String period) {
    return dsl.selectFrom(INVOICES)
        .where(INVOICES.PERIOD.eq(period))
        .orderBy(INVOICES.TENANT_ID, INVOICES.ISSUED_AT)
        .fetch(InvoiceRepository::toInvoice);
  }

  /** Draft to finalised; returns false if the invoice is not a draft. */
  public boolean finalise(UUID invoiceId, OffsetDateTime at) {
    return dsl.update(INVOICES)
            .set(INVOICES.STATUS, Invoice.FINALISED)
            .set(INVOICES.FINALISED_AT, at)
            .where(INVOICES.ID.eq(invoiceId))
            .and(INVOICES.STATUS.eq(Invoice.DRAFT))
            .execute()
        == 1;
  }

  /** Draft or finalised to void, freeing the month for a new close; false if already void. */
  public boolean voidInvoice(UUID invoiceId, OffsetDateTime at) {
    return dsl.update(INVOICES)
            .set(INVOICES.STATUS, Invoice.VOID)
            .set(INVOICES.VOIDED_AT, at)
            .setNull(INVOICES.OPEN_PERIOD)
            .where(INVOICES.ID.eq(invoiceId))
            .and(INVOICES.STATUS.ne(Invoice.VOID))
            .execute()
        == 1;
  }

  private List<InvoiceLine> lines(UUID invoiceId) {
    return dsl.selectFrom(INVOICE_LINES)
        .where(INVOICE_LINES.INVOICE_ID.eq(invoiceId))
        .orderBy(INVOICE_LINES.LINE_NO)
        .fetch(
            r ->
                new InvoiceLine(
                    r.getLineNo(),
                    r.getKind(),
                    r.getDescription(),
                    r.getMeter(),
                    r.getPlugin(),
                    r.getQuantity(),
                    r.getIncluded(),
                    r.getUnitPrice(),
                    r.getAmount()));
  }

  private static Invoice toInvoice(InvoicesRecord r) {
    return new Invoice(
        r.getId(),
        r.getTenantId(),
        r.getPeriod(),
        r.getStatus(),
        r.getCurrency(),
        r.getSubtotal(),
        r.getDiscountPercent(),
        r.getDiscount(),
        r.getTaxPercent(),
        r.getTax(),
        r.getTotal(),
        r.getIssuedAt(),
        r.getFinalisedAt(),
        r.getVoidedAt(),
        List.of());
  }
}
