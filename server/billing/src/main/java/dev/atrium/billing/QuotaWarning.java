package dev.atrium.billing;

import java.util.UUID;

/** A tenant's use of a meter crossed {@code percent} (80 or 100) of its soft limit this month. */
public record QuotaWarning(
    UUID tenantId, String meter, int percent, long used, long limit, String period) {

  /** The warning level (0, 80 or 100) of {@code used} against {@code limit}. */
  public static int level(long used, Long limit) {
    if (limit == null || limit <= 0) {
      return 0;
    }
    if (used >= limit) {
      return 100;
    }
    return used * 5 >= limit * 4 ? 80 : 0;
  }
}
