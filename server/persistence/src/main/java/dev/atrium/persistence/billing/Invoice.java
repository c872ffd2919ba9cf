package dev.atrium.persistence.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A tenant's bill for one month ({@code period} as {@code YYYY-MM}). */
public record Invoice(
    UUID id,
    UUID tenantId,
    String period,
    String status,
    String currency,
    BigDecimal subtotal,
    BigDecimal discountPercent,
    BigDecimal discount,
    BigDecimal taxPercent,
    BigDecimal tax,
    BigDecimal total,
    OffsetDateTime issuedAt,
    OffsetDateTime finalisedAt,
    OffsetDateTime voidedAt,
    List<InvoiceLine> lines) {
  public static final String DRAFT = "draft";
  public static final String FINALISED = "finalised";
  public static final String VOID = "void";

  public Invoice {
    lines = List.copyOf(lines);
  }

  public Invoice withLines(List<InvoiceLine> newLines) {
    return new Invoice(
        id,
        tenantId,
        period,
        status,
        currency,
        subtotal,
        discountPercent,
        discount,
        taxPercent,
        tax,
        total,
        issuedAt,
        finalisedAt,
        voidedAt,
        newLines);
  }
}
