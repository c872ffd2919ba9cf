package dev.atrium.inference.http;

import dev.atrium.http.JsonBody;
import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * OpenAI request fields Atrium does not implement, accepted only with a value that asks for nothing
 * (what client libraries send by default, such as {@code "logprobs": false} or {@code "tools":
 * []}), refused otherwise with 400 {@code unsupported_parameter} saying why. Fields that never
 * change the answer ({@code store}, {@code metadata}, {@code service_tier}) are accepted and
 * ignored.
 */
final class OpenAiExtras {
  /** A value passing {@code accepted} is fine; another is refused with {@code code}. */
  private record Rule(Predicate<Object> accepted, String code, String message) {}

  private static final String NO_TOOLS =
      "tools and function calling are not supported: the models here write text only";
  private static final String NO_LOGPROBS = "log probabilities are not returned";

  /** The extras of {@code /v1/chat/completions}. */
  static final OpenAiExtras CHAT =
      new OpenAiExtras()
          .allow("n", OpenAiExtras::isOne, "only one choice per request (n = 1) is supported")
          .allow("logprobs", Boolean.FALSE::equals, NO_LOGPROBS)
          .allow("top_logprobs", OpenAiExtras::isZero, NO_LOGPROBS)
          .allow("tools", OpenAiExtras::isEmptyArray, NO_TOOLS)
          .allow("functions", OpenAiExtras::isEmptyArray, NO_TOOLS)
          .allow("tool_choice", v -> "none".equals(v) || "auto".equals(v), NO_TOOLS)
          .allow("function_call", v -> "none".equals(v) || "auto".equals(v), NO_TOOLS)
          .allow("parallel_tool_calls", v -> v instanceof Boolean, NO_TOOLS)
          .allow(
              "modalities",
              v -> v instanceof JsonArray a && a.size() == 1 && "text".equals(a.getValue(0)),
              "only text output is supported")
          .allow("audio", v -> false, "audio output is not supported")
          .allow("prediction", v -> false, "predicted outputs are not supported")
          .allow("web_search_options", v -> false, "web search is not supported")
          .ignore("store", v -> v instanceof Boolean, "true or false")
          .ignore("metadata", v -> v instanceof JsonObject, "an object")
          .ignore("service_tier", v -> v instanceof String, "a string");

  /** The extras of {@code /v1/completions}. */
  static final OpenAiExtras COMPLETIONS =
      new OpenAiExtras()
          .allow("n", OpenAiExtras::isOne, "only one choice per request (n = 1) is supported")
          .allow("best_of", OpenAiExtras::isOne, "only best_of = 1 is supported")
          .allow("echo", Boolean.FALSE::equals, "echoing the prompt is not supported")
          .allow("logprobs", v -> false, NO_LOGPROBS)
          .allow("suffix", ""::equals, "a suffix (insertion) is not supported");

  private final Map<String, Rule> rules;

  private OpenAiExtras() {
    this(Map.of());
  }

  private OpenAiExtras(Map<String, Rule> rules) {
    this.rules = rules;
  }

  private OpenAiExtras allow(String field, Predicate<Object> asksNothing, String why) {
    return with(
        field,
        new Rule(
            asksNothing,
            "unsupported_parameter",
            "Field '" + field + "' is not supported with this value: " + why + "."));
  }

  private OpenAiExtras ignore(String field, Predicate<Object> wellFormed, String shape) {
    return with(
        field,
        new Rule(wellFormed, "invalid_field", "Field '" + field + "' must be " + shape + "."));
  }

  private OpenAiExtras with(String field, Rule rule) {
    Map<String, Rule> copy = new LinkedHashMap<>(rules);
    copy.put(field, rule);
    return new OpenAiExtras(Collections.unmodifiableMap(copy));
  }

  /** The field names, for the endpoint's set of accepted fields. */
  Set<String> fields() {
    return rules.keySet();
  }

  /** Refuses the first field whose value asks for something unsupported (or is malformed). */
  void check(JsonBody body) {
    rules.forEach(
        (field, rule) -> {
          Object value = body.raw(field);
          if (value != null && !rule.accepted().test(value)) {
            throw Problem.badRequest(rule.code(), rule.message());
          }
        });
  }

  private static boolean isOne(Object value) {
    return value instanceof Number n && n.doubleValue() == 1;
  }

  private static boolean isZero(Object value) {
    return value instanceof Number n && n.doubleValue() == 0;
  }

  private static boolean isEmptyArray(Object value) {
    return value instanceof JsonArray a && a.isEmpty();
  }
}
