package dev.atrium.http;

import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.StrictJson;
import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body, read strictly: the content type must be JSON, the body an object read by
 * {@link StrictJson} (no comments, no duplicate members, UTF-8 only, no control characters in
 * strings), unknown fields are refused, and every field is checked for type and size with a problem
 * naming it; a string of only white space or invisible characters counts as empty.
 */
public final class JsonBody {
  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /** Parses the body of {@code ctx}, allowing only the fields in {@code allowed}. */
  public static JsonBody parse(RoutingContext ctx, Set<String> allowed) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new Problem(
          415,
          "unsupported_media_type",
          "Send the body as JSON with Content-Type: application/json.");
    }
    if (ctx.body() == null || ctx.body().isEmpty()) {
      throw Problem.badRequest(
          "malformed_json", "The request body is empty; a JSON object is expected.");
    }
    JsonObject object;
    try {
      object = StrictJson.object(ctx.body().buffer());
    } catch (InvalidJsonException e) {
      throw refused(e);
    }
    for (String field : object.fieldNames()) {
      if (!allowed.contains(field)) {
        throw Problem.badRequest(
            "unknown_field", "Unknown field '" + field + "'; allowed fields are " + allowed + ".");
      }
    }
    return new JsonBody(object);
  }

  /** The problem answering a body {@link StrictJson} refused: 400 with the refusal's code. */
  public static Problem refused(InvalidJsonException e) {
    return Problem.badRequest(e.code(), e.getMessage());
  }

  /** Like {@link #parse}, but an empty body reads as {@code {}}. */
  public static JsonBody parseOptional(RoutingContext ctx, Set<String> allowed) {
    if (ctx.body() == null || ctx.body().isEmpty()) {
      return new JsonBody(new JsonObject());
    }
    return parse(ctx, allowed);
  }

  /** The field's raw JSON value (null when absent), for fields that take several shapes. */
  public Object raw(String field) {
    return json.getValue(field);
  }

  /** A non-blank string of at most {@code maxLength} characters. */
  public String requiredString(String field, int maxLength) {
    return optionalString(field, maxLength)
        .orElseThrow(() -> invalid(field, "is required and must be a non-empty string"));
  }

  public Optional<String> optionalString(String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw invalid(field, "must be a string");
    }
    if (StrictJson.isBlank(text)) {
      throw invalid(field, "must not be empty");
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      throw invalid(field, "must be at most " + maxLength + " characters");
    }
    return Optional.of(text);
  }

  public Optional<Long> optionalLong(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw invalid(field, "must be an integer");
    }
    long number = ((Number) value).longValue();
    if (number < min || number > max) {
      throw invalid(field, "must be between " + min + " and " + max);
    }
    return Optional.of(number);
  }

  public Optional<List<String>> optionalStringList(String field, int maxItems, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonArray array)) {
      throw invalid(field, "must be an array of strings");
    }
    if (array.size() > maxItems) {
      throw invalid(field, "must have at most " + maxItems + " items");
    }
    List<String> items = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || StrictJson.isBlank(text) || text.length() > maxLength) {
        throw invalid(field, "must hold non-empty strings of at most " + maxLength + " characters");
      }
      items.add(text);
    }
    return Optional.of(List.copyOf(items));
  }

  /** An RFC 3339 timestamp such as {@code 2027-01-31T00:00:00Z}. */
  public Optional<OffsetDateTime> optionalTimestamp(String field) {
    return optionalString(field, 64)
        .map(
            text -> {
              try {
                return OffsetDateTime.parse(text);
              } catch (DateTimeParseException e) {
                throw invalid(field, "must be an RFC 3339 timestamp such as 2027-01-31T00:00:00Z");
              }
            });
  }

  private static Problem invalid(String field, String rule) {
    return Problem.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
  }
}
