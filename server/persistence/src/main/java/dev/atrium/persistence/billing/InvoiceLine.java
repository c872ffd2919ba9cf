package dev.atrium.persistence.billing;

import java.math.BigDecimal;

/**
 * One invoice line. Fee lines carry the prorated plan fee (quantity 1); usage lines carry a meter
 * and plugin, the units, how many of them the allowance covered, the tier's unit price and the
 * amount ({@code (quantity - included) * unitPrice}, rounded to cents).
 */
public record InvoiceLine(
    int lineNo,
    String kind,
    String description,
    String meter,
    String plugin,
    long quantity,
    long included,
    BigDecimal unitPrice,
    BigDecimal amount) {
  public static final String FEE = "fee";
  public static final String USAGE = "usage";
}
