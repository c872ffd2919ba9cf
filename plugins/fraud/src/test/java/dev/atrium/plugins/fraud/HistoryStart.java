package dev.atrium.plugins.fraud;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Where a test's synthetic history starts: on the Monday on or before a number of days ago. The
 * generator's weekly cycle follows the calendar, so a history starting on another weekday holds
 * other payments; from a Monday a test sees the same payments whatever day it runs.
 */
final class HistoryStart {
  private HistoryStart() {}

  static LocalDate mondayBefore(int daysAgo) {
    return LocalDate.now(ZoneOffset.UTC)
        .minusDays(daysAgo)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static Instant instantMondayBefore(int daysAgo) {
    return mondayBefore(daysAgo).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
