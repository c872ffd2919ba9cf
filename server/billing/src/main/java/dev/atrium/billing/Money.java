package dev.atrium.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Atrium's rounding rules, in one place. Amounts are exact {@link BigDecimal}s; every amount that
 * appears on an invoice is rounded once, half-even (banker's rounding), to cents: each line, the
 * discount and the tax. The subtotal and total are sums of rounded figures, so they add up.
 */
public final class Money {
  public static final int CENTS = 2;
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Money() {}

  /** {@code units * unitPrice}, rounded to cents. */
  public static BigDecimal amount(long units, BigDecimal unitPrice) {
    return BigDecimal.valueOf(units).multiply(unitPrice).setScale(CENTS, ROUNDING);
  }

  /** {@code amount * numerator / denominator} rounded to cents in a single step (proration). */
  public static BigDecimal prorate(BigDecimal amount, long numerator, long denominator) {
    return amount
        .multiply(BigDecimal.valueOf(numerator))
        .divide(BigDecimal.valueOf(denominator), CENTS, ROUNDING);
  }

  /** {@code percent} % of {@code amount}, rounded to cents. */
  public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
    return amount.multiply(percent).divide(HUNDRED, CENTS, ROUNDING);
  }

  public static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(CENTS);
  }
}
