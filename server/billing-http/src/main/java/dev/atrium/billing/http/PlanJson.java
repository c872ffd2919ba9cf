package dev.atrium.billing.http;

import dev.atrium.billing.MeterCatalog;
import dev.atrium.http.JsonBody;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PriceTier;
import dev.atrium.persistence.billing.RateLimits;
import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A plan in JSON, both ways. Reading is strict like {@link JsonBody}: every field is required,
 * unknown fields are refused, money is a decimal string (or number) with at most 2 decimals for
 * fees and 12 for unit prices, and each problem names the field.
 */
final class PlanJson {
  static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "monthlyFee",
          "rateLimits",
          "maxConcurrency",
          "poolWeight",
          "allowedPlugins",
          "meters");
  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");
  private static final Pattern PLUGIN = Pattern.compile("^(\\*|[a-z][a-z0-9-]{0,63})$");
  private static final long MAX_RATE = 10_000_000_000L;

  private PlanJson() {}

  static Plan read(JsonBody body, String id, MeterCatalog meters, OffsetDateTime now) {
    if (!ID.matcher(id).matches()) {
      throw invalid("id", "must be lower-case letters, digits and '-', starting with a letter");
    }
    String name = body.requiredString("name", 200);
    BigDecimal fee = decimal(body.raw("monthlyFee"), "monthlyFee", 2);
    JsonObject limits =
        object(
            body.raw("rateLimits"),
            "rateLimits",
            Set.of(
                "keyRequestsPerMinute",
                "tenantRequestsPerMinute",
                "keyTokensPerMinute",
                "tenantTokensPerMinute"));
    RateLimits rateLimits =
        new RateLimits(
            number(limits, "rateLimits.", "keyRequestsPerMinute", 1, MAX_RATE),
            number(limits, "rateLimits.", "tenantRequestsPerMinute", 1, MAX_RATE),
            number(limits, "rateLimits.", "keyTokensPerMinute", 1, MAX_RATE),
            number(limits, "rateLimits.", "tenantTokensPerMinute", 1, MAX_RATE));
    int concurrency =
        (int)
            body.optionalLong("maxConcurrency", 1, 100_000)
                .orElseThrow(() -> invalid("maxConcurrency", "is required"))
                .longValue();
    int weight =
        (int)
            body.optionalLong("poolWeight", 1, 1000)
                .orElseThrow(() -> invalid("poolWeight", "is required"))
                .longValue();
    List<String> plugins =
        body.optionalStringList("allowedPlugins", 1000, 64)
            .orElseThrow(() -> invalid("allowedPlugins", "is required (use [\"*\"] for all)"));
    for (String plugin : plugins) {
      if (!PLUGIN.matcher(plugin).matches()) {
        throw invalid("allowedPlugins", "holds plugin ids or '*'");
      }
    }
    JsonObject meterTerms = object(body.raw("meters"), "meters", null);
    Map<String, PlanMeter> terms = new TreeMap<>();
    for (String meter : meterTerms.fieldNames()) {
      if (meters.find(meter).isEmpty()) {
        throw invalid("meters", "names an unknown meter '" + meter + "'");
      }
      terms.put(meter, meter(meter, meterTerms.getValue(meter)));
    }
    return new Plan(
        id, name, fee, rateLimits, concurrency, weight, new LinkedHashSet<>(plugins), terms, now);
  }

  private static PlanMeter meter(String meter, Object value) {
    String at = "meters." + meter + ".";
    JsonObject m =
        object(value, "meters." + meter, Set.of("included", "softLimit", "hardLimit", "tiers"));
    long included = number(m, at, "included", 0, Long.MAX_VALUE / 4);
    Long soft =
        m.getValue("softLimit") == null ? null : number(m, at, "softLimit", 0, Long.MAX_VALUE / 4);
    Long hard =
        m.getValue("hardLimit") == null ? null : number(m, at, "hardLimit", 0, Long.MAX_VALUE / 4);
    if (!(m.getValue("tiers") instanceof JsonArray tiers) || tiers.isEmpty() || tiers.size() > 20) {
      throw invalid(at + "tiers", "must be an array of 1 to 20 tiers");
    }
    List<PriceTier> list = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      String tierAt = at + "tiers[" + i + "]";
      JsonObject tier = object(tiers.getValue(i), tierAt, Set.of("firstUnit", "unitPrice"));
      long first = number(tier, tierAt + ".", "firstUnit", 0, Long.MAX_VALUE / 4);
      if (i == 0 ? first != 0 : first <= list.get(i - 1).firstUnit()) {
        throw invalid(tierAt + ".firstUnit", "must be 0 for the first tier and increase after it");
      }
      list.add(
          new PriceTier(first, decimal(tier.getValue("unitPrice"), tierAt + ".unitPrice", 12)));
    }
    return new PlanMeter(meter, included, soft, hard, list);
  }

  static JsonObject write(Plan plan) {
    JsonObject meters = new JsonObject();
    plan.meters().values().stream()
        .sorted((a, b) -> a.meter().compareTo(b.meter()))
        .forEach(
            m ->
                meters.put(
                    m.meter(),
                    new JsonObject()
                        .put("included", m.included())
                        .put("softLimit", m.softLimit())
                        .put("hardLimit", m.hardLimit())
                        .put(
                            "tiers",
                            new JsonArray(
                                m.tiers().stream()
                                    .map(
                                        t ->
                                            (Object)
                                                new JsonObject()
                                                    .put("firstUnit", t.firstUnit())
                                                    .put(
                                                        "unitPrice",
                                                        t.unitPrice()
                                                            .stripTrailingZeros()
                                                            .toPlainString()))
                                    .toList()))));
    RateLimits r = plan.rateLimits();
    return new JsonObject()
        .put("id", plan.id())
        .put("name", plan.name())
        .put("monthlyFee", plan.monthlyFee().setScale(2).toPlainString())
        .put(
            "rateLimits",
            new JsonObject()
                .put("keyRequestsPerMinute", r.keyRequestsPerMinute())
                .put("tenantRequestsPerMinute", r.tenantRequestsPerMinute())
                .put("keyTokensPerMinute", r.keyTokensPerMinute())
                .put("tenantTokensPerMinute", r.tenantTokensPerMinute()))
        .put("maxConcurrency", plan.maxConcurrency())
        .put("poolWeight", plan.poolWeight())
        .put("allowedPlugins", new JsonArray(plan.allowedPlugins().stream().sorted().toList()))
        .put("meters", meters)
        .put("updatedAt", Timestamps.rfc3339(plan.updatedAt()));
  }

  /**
   * A decimal from a string or a JSON number, not negative, with at most {@code scale} decimals.
   */
  static BigDecimal decimal(Object value, String field, int scale) {
    BigDecimal number;
    try {
      if (value instanceof String text) {
        number = new BigDecimal(text);
      } else if (value instanceof Number n
          && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
        number = new BigDecimal(n.toString());
      } else {
        throw invalid(field, "is required: a decimal such as \"49.00\"");
      }
    } catch (NumberFormatException e) {
      throw invalid(field, "must be a decimal such as \"49.00\"");
    }
    if (number.signum() < 0
        || number.stripTrailingZeros().scale() > scale
        || number.precision() - number.scale() > 12) {
      throw invalid(field, "must be a non-negative amount with at most " + scale + " decimals");
    }
    return number;
  }

  private static JsonObject object(Object value, String field, Set<String> allowed) {
    if (!(value instanceof JsonObject object)) {
      throw invalid(field, "must be an object");
    }
    if (allowed != null) {
      for (String name : object.fieldNames()) {
        if (!allowed.contains(name)) {
          throw Problem.badRequest(
              "unknown_field",
              "Unknown field '" + field + "." + name + "'; allowed are " + allowed + ".");
        }
      }
      for (String name : allowed) {
        if (!name.endsWith("Limit") && object.getValue(name) == null) {
          throw invalid(field + "." + name, "is required");
        }
      }
    }
    return object;
  }

  private static long number(JsonObject object, String prefix, String name, long min, long max) {
    Object value = object.getValue(name);
    if (!(value instanceof Integer || value instanceof Long)) {
      throw invalid(prefix + name, "must be an integer");
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      throw invalid(prefix + name, "must be between " + min + " and " + max);
    }
    return n;
  }

  static Problem invalid(String field, String rule) {
    return Problem.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
  }
}
