package dev.atrium.billing;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** A calendar month in UTC, the billing period: {@code [start, end)}. */
public record BillingPeriod(YearMonth month) {
  private static final Pattern TEXT = Pattern.compile("^\\d{4}-\\d{2}$");

  /** Parses {@code YYYY-MM}; throws IllegalArgumentException otherwise. */
  public static BillingPeriod parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException("period must look like 2027-03");
    }
    try {
      return new BillingPeriod(YearMonth.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("period must look like 2027-03", e);
    }
  }

  public static BillingPeriod containing(OffsetDateTime time) {
    return new BillingPeriod(YearMonth.from(time.withOffsetSameInstant(ZoneOffset.UTC)));
  }

  public LocalDate firstDay() {
    return month.atDay(1);
  }

  /** The first day of the next month (exclusive end). */
  public LocalDate endDay() {
    return month.plusMonths(1).atDay(1);
  }

  public OffsetDateTime start() {
    return firstDay().atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  public OffsetDateTime end() {
    return endDay().atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  public long seconds() {
    return Duration.between(start(), end()).toSeconds();
  }

  @Override
  public String toString() {
    return month.toString();
  }
}
