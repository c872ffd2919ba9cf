package dev.atrium.billing.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the API writes them: RFC 3339 with seconds always present ({@code
 * 2027-01-01T00:00:00Z}); {@link OffsetDateTime#toString()} drops zero seconds, which strict
 * clients and the OpenAPI {@code date-time} format refuse.
 */
final class Timestamps {
  private Timestamps() {}

  /** {@code time} in RFC 3339, or null for null. */
  static String rfc3339(OffsetDateTime time) {
    return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
  }
}
