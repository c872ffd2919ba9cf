package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a transaction field by field and refuses the first fault with a problem naming the field
 * ({@code transactions[3].amount} in a batch): nothing half-valid reaches the features.
 */
final class TransactionParser {
  static final Set<String> CHANNELS = Set.of("online", "pos", "atm", "mobile", "transfer", "other");
  static final Set<String> FIELDS =
      Set.of(
          "id",
          "amount",
          "currency",
          "timestamp",
          "account",
          "merchant",
          "category",
          "channel",
          "device",
          "ip",
          "country",
          "lat",
          "lon",
          "attributes");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_TEXT = 128;
  private static final int MAX_ATTRIBUTES = 32;
  private static final double MAX_AMOUNT = 1e12;

  private final Duration futureSkew;

  TransactionParser(Duration futureSkew) {
    this.futureSkew = futureSkew;
  }

  /** {@code json} as a transaction, refused with a {@link FraudProblem} naming {@code where}. */
  Transaction parse(Object value, String where, Instant now) {
    if (!(value instanceof JsonObject json)) {
      throw invalid(where, "must be a JSON object");
    }
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw FraudProblem.badRequest(
            "unknown_field",
            "Unknown field '"
                + at(where, name)
                + "'; a transaction has "
                + String.join(", ", FIELDS.stream().sorted().toList())
                + ".");
      }
    }
    double amount = amount(json.getValue("amount"), at(where, "amount"));
    String currency = currency(json.getValue("currency"), at(where, "currency"));
    Instant timestamp = timestamp(json.getValue("timestamp"), at(where, "timestamp"), now);
    String account = text(json, "account", where, true);
    String channel = text(json, "channel", where, false).toLowerCase(Locale.ROOT);
    if (!channel.isEmpty() && !CHANNELS.contains(channel)) {
      throw invalid(at(where, "channel"), "must be one of " + CHANNELS.stream().sorted().toList());
    }
    String ip = text(json, "ip", where, false);
    if (!ip.isEmpty()
        && !IPV4.matcher(ip).matches()
        && !(ip.contains(":") && IPV6.matcher(ip).matches())) {
      throw invalid(at(where, "ip"), "must be an IPv4 or IPv6 address");
    }
    String country = text(json, "country", where, false).toUpperCase(Locale.ROOT);
    if (!country.isEmpty() && !COUNTRIES.contains(country)) {
      throw invalid(
          at(where, "country"), "must be an ISO 3166 alpha-2 country code such as GB or CN");
    }
    OptionalDouble lat = coordinate(json.getValue("lat"), at(where, "lat"), 90);
    OptionalDouble lon = coordinate(json.getValue("lon"), at(where, "lon"), 180);
    if (lat.isPresent() != lon.isPresent()) {
      throw invalid(
          at(where, lat.isPresent() ? "lon" : "lat"), "is needed with its pair (lat and lon)");
    }
    String id = text(json, "id", where, false);
    return new Transaction(
        id.isEmpty() ? UUID.randomUUID().toString() : id,
        amount,
        currency,
        timestamp,
        account,
        text(json, "merchant", where, false),
        text(json, "category", where, false),
        channel,
        text(json, "device", where, false),
        ip,
        country,
        lat,
        lon,
        attributes(json.getValue("attributes"), at(where, "attributes")));
  }

  private static double amount(Object value, String where) {
    if (value == null) {
      throw FraudProblem.badRequest("missing_amount", "'" + where + "' is required.");
    }
    if (!(value instanceof Number number)) {
      throw FraudProblem.badRequest(
          "invalid_amount", "'" + where + "' must be a number, not " + describe(value) + ".");
    }
    double amount = number.doubleValue();
    if (!(amount > 0) || amount > MAX_AMOUNT) {
      throw FraudProblem.badRequest(
          "invalid_amount",
          "'" + where + "' must be above 0 and at most 10^12, got " + number + ".");
    }
    return amount;
  }

  private static String currency(Object value, String where) {
    if (value == null) {
      throw FraudProblem.badRequest("missing_field", "'" + where + "' is required.");
    }
    if (value instanceof String code && CURRENCY.matcher(code).matches()) {
      try {
        return Currency.getInstance(code).getCurrencyCode();
      } catch (IllegalArgumentException e) {
        // not an ISO 4217 code: refused below
      }
    }
    throw FraudProblem.badRequest(
        "invalid_currency",
        "'"
            + where
            + "' must be an ISO 4217 currency code such as EUR or CNY, got "
            + describe(value)
            + ".");
  }

  private Instant timestamp(Object value, String where, Instant now) {
    if (value == null) {
      return now;
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse((String) value);
    } catch (ClassCastException | DateTimeParseException e) {
      throw FraudProblem.badRequest(
          "invalid_timestamp",
          "'"
              + where
              + "' must be an ISO 8601 instant such as 2026-01-31T12:00:00Z, got "
              + describe(value)
              + ".");
    }
    if (timestamp.isAfter(now.plus(futureSkew))) {
      throw FraudProblem.badRequest(
          "future_timestamp",
          "'"
              + where
              + "' is "
              + timestamp
              + ", in the future (more than "
              + futureSkew.toSeconds()
              + " s after the server's clock).");
    }
    if (timestamp.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      throw FraudProblem.badRequest(
          "invalid_timestamp", "'" + where + "' is before the year 2000.");
    }
    return timestamp;
  }

  private static String text(JsonObject json, String name, String where, boolean required) {
    Object value = json.getValue(name);
    if (value == null) {
      if (required) {
        throw FraudProblem.badRequest("missing_field", "'" + at(where, name) + "' is required.");
      }
      return "";
    }
    if (!(value instanceof String text) || StrictJson.isBlank(text) || text.length() > MAX_TEXT) {
      throw invalid(
          at(where, name), "must be a non-empty string of at most " + MAX_TEXT + " characters");
    }
    return text.strip();
  }

  private static OptionalDouble coordinate(Object value, String where, double limit) {
    if (value == null) {
      return OptionalDouble.empty();
    }
    if (value instanceof Number number && Math.abs(number.doubleValue()) <= limit) {
      return OptionalDouble.of(number.doubleValue());
    }
    throw invalid(where, "must be a number between -" + (int) limit + " and " + (int) limit);
  }

  private static JsonObject attributes(Object value, String where) {
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject json) || json.size() > MAX_ATTRIBUTES) {
      throw invalid(where, "must be an object of at most " + MAX_ATTRIBUTES + " members");
    }
    for (String name : json.fieldNames()) {
      Object member = json.getValue(name);
      boolean scalar =
          member instanceof Boolean
              || member instanceof Number
              || (member instanceof String s && s.length() <= MAX_TEXT);
      if (!scalar || name.length() > 64) {
        throw invalid(
            at(where, name), "must be a string (at most 128 characters), number or boolean");
      }
    }
    return json;
  }

  private static FraudProblem invalid(String where, String rule) {
    return FraudProblem.badRequest("invalid_field", "'" + where + "' " + rule + ".");
  }

  private static String at(String where, String name) {
    return where.isEmpty() ? name : where + "." + name;
  }

  private static String describe(Object value) {
    return value instanceof String s
        ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\""
        : String.valueOf(value);
  }
}
