package dev.atrium.billing.http;

import dev.atrium.billing.BillingPeriod;
import dev.atrium.shared.Problem;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/** Strict reading of the billing API's query parameters and path ids. */
final class Query {
  private Query() {}

  /** Refuses parameters outside {@code allowed} and repeated parameters. */
  static void only(RoutingContext ctx, Set<String> allowed) {
    for (String name : ctx.queryParams().names()) {
      if (!allowed.contains(name)) {
        throw Problem.badRequest(
            "unknown_parameter",
            "Unknown query parameter '" + name + "'; allowed are " + allowed + ".");
      }
      if (ctx.queryParams().getAll(name).size() > 1) {
        throw invalid(name, "must be given once");
      }
    }
  }

  static String text(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  static BillingPeriod period(RoutingContext ctx, boolean required) {
    String text = ctx.queryParams().get("period");
    if (text == null) {
      if (required) {
        throw invalid("period", "is required, as YYYY-MM");
      }
      return null;
    }
    try {
      return BillingPeriod.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("period", "must be a month such as 2027-03");
    }
  }

  /** A date ({@code 2027-03-01}, midnight UTC) or an RFC 3339 timestamp. */
  static OffsetDateTime time(RoutingContext ctx, String name, OffsetDateTime fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
          : OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(
          name, "must be a date such as 2027-03-01 or a timestamp such as 2027-03-01T10:00:00Z");
    }
  }

  /** A whole number in [min, max], or {@code fallback} when absent. */
  static int integer(RoutingContext ctx, String name, int min, int max, int fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalid(name, "must be a whole number from " + min + " to " + max);
  }

  static boolean flag(RoutingContext ctx, String name) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw invalid(name, "must be true or false");
  }

  static UUID uuid(RoutingContext ctx, String name) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw invalid(name, "must be a UUID");
    }
  }

  /** The UUID in a path parameter; anything else is simply not found. */
  static UUID pathId(RoutingContext ctx, String what) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound(what);
    }
  }

  static Problem invalid(String name, String rule) {
    return Problem.badRequest("invalid_parameter", "Query parameter '" + name + "' " + rule + ".");
  }
}
