package dev.atrium.inference.http;

import dev.atrium.http.JsonBody;
import dev.atrium.plugin.api.inference.Sampling;
import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The OpenAI request fields {@code /v1/chat/completions} and {@code /v1/completions} share, read
 * and checked: the model, the sampling parameters and whether to stream. Each wrong field is a 400
 * {@code invalid_field} naming it.
 *
 * @param model the requested model, empty for the default generation model
 * @param sampling the sampling; its {@code maxTokens} is the requested limit ({@code
 *     Integer.MAX_VALUE} when none was sent: the model's context is the limit)
 * @param stream answer as server-sent events
 * @param includeUsage when streaming, end with a chunk holding the usage
 */
record GenerationParameters(
    Optional<String> model, Sampling sampling, boolean stream, boolean includeUsage) {

  /** The fields both endpoints read. */
  static final Set<String> FIELDS =
      Set.of(
          "model",
          "max_tokens",
          "temperature",
          "top_p",
          "seed",
          "stop",
          "presence_penalty",
          "frequency_penalty",
          "logit_bias",
          "user",
          "response_format",
          "stream",
          "stream_options");

  /** The schema {@code json_object} asks for: any JSON object. */
  static final String ANY_OBJECT = "{\"type\":\"object\"}";

  private static final int UNLIMITED = Integer.MAX_VALUE;

  /** Reads the shared fields; {@code max_completion_tokens} too, if the endpoint accepts it. */
  static GenerationParameters parse(JsonBody body) {
    Optional<String> model = body.optionalString("model", 200);
    body.optionalString("user", 256);
    Sampling sampling =
        new Sampling(
            maxTokens(body),
            number(body, "temperature", 0, 2, 1),
            topP(body),
            body.optionalLong("seed", Long.MIN_VALUE, Long.MAX_VALUE)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty()),
            stop(body.raw("stop")),
            number(body, "presence_penalty", -2, 2, 0),
            number(body, "frequency_penalty", -2, 2, 0),
            logitBias(body.raw("logit_bias")),
            jsonSchema(body.raw("response_format")));
    boolean stream = flag(body.raw("stream"), "stream");
    boolean includeUsage = streamOptions(body.raw("stream_options"), stream);
    return new GenerationParameters(model, sampling, stream, includeUsage);
  }

  private static int maxTokens(JsonBody body) {
    Optional<Long> maxTokens = body.optionalLong("max_tokens", 1, UNLIMITED);
    Optional<Long> maxCompletion = body.optionalLong("max_completion_tokens", 1, UNLIMITED);
    if (maxTokens.isPresent()
        && maxCompletion.isPresent()
        && !maxTokens.get().equals(maxCompletion.get())) {
      throw invalid(
          "max_completion_tokens",
          "and 'max_tokens' disagree: send one of them (they mean the same)");
    }
    return maxCompletion.or(() -> maxTokens).orElse((long) UNLIMITED).intValue();
  }

  private static double topP(JsonBody body) {
    double topP = number(body, "top_p", 0, 1, 1);
    if (topP == 0) {
      throw invalid("top_p", "must be above 0 and at most 1");
    }
    return topP;
  }

  private static double number(JsonBody body, String field, double min, double max, double absent) {
    Object value = body.raw(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Number number)) {
      throw invalid(field, "must be a number");
    }
    double d = number.doubleValue();
    if (!(d >= min && d <= max)) {
      throw invalid(field, "must be between " + format(min) + " and " + format(max));
    }
    return d;
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  /** A string or an array of up to 4 strings; none may be empty (whitespace is a fine stop). */
  private static List<String> stop(Object value) {
    if (value == null) {
      return List.of();
    }
    List<?> items = value instanceof JsonArray array ? array.getList() : List.of(value);
    if (items.size() > Sampling.MAX_STOP) {
      throw invalid("stop", "must hold at most " + Sampling.MAX_STOP + " strings");
    }
    for (Object item : items) {
      if (!(item instanceof String text) || text.isEmpty()) {
        throw invalid("stop", "must be a non-empty string or an array of non-empty strings");
      }
    }
    return items.stream().map(String.class::cast).toList();
  }

  /** Token ids (as strings, OpenAI's JSON form) to a bias from -100 to 100. */
  private static Map<Integer, Double> logitBias(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw invalid("logit_bias", "must be an object of token ids to numbers");
    }
    Map<Integer, Double> bias = new HashMap<>();
    for (Map.Entry<String, Object> entry : object) {
      int token;
      try {
        token = Integer.parseInt(entry.getKey());
      } catch (NumberFormatException e) {
        token = -1;
      }
      if (token < 0) {
        throw invalid(
            "logit_bias",
            "keys must be token ids (non-negative integers), got '" + entry.getKey() + "'");
      }
      if (!(entry.getValue() instanceof Number number)
          || !(number.doubleValue() >= -100 && number.doubleValue() <= 100)) {
        throw invalid("logit_bias", "values must be numbers from -100 to 100");
      }
      bias.put(token, number.doubleValue());
    }
    return bias;
  }

  /**
   * {@code {"type": "text"}} (the default), {@code {"type": "json_object"}} (any JSON object) or
   * {@code {"type": "json_schema", "json_schema": {"name", "schema", "strict", "description"}}}.
   */
  private static Optional<String> jsonSchema(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject format)) {
      throw invalid("response_format", "must be an object such as {\"type\": \"json_object\"}");
    }
    Object type = format.getValue("type");
    Set<String> allowed =
        "json_schema".equals(type) ? Set.of("type", "json_schema") : Set.of("type");
    for (String field : format.fieldNames()) {
      if (!allowed.contains(field)) {
        throw invalid("response_format", "has an unexpected field '" + field + "'");
      }
    }
    if ("text".equals(type)) {
      return Optional.empty();
    }
    if ("json_object".equals(type)) {
      return Optional.of(ANY_OBJECT);
    }
    if (!"json_schema".equals(type)) {
      throw invalid("response_format", "type must be 'text', 'json_object' or 'json_schema'");
    }
    if (!(format.getValue("json_schema") instanceof JsonObject spec)) {
      throw invalid("response_format", "json_schema must be an object holding 'schema'");
    }
    for (String field : spec.fieldNames()) {
      if (!Set.of("name", "schema", "strict", "description").contains(field)) {
        throw invalid("response_format", "json_schema has an unexpected field '" + field + "'");
      }
    }
    if (!(spec.getValue("schema") instanceof JsonObject schema)) {
      throw invalid("response_format", "json_schema.schema must be a JSON Schema object");
    }
    return Optional.of(schema.encode());
  }

  private static boolean flag(Object value, String field) {
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(field, "must be true or false");
    }
    return b;
  }

  /** {@code {"include_usage": bool, "include_obfuscation": bool}}, only with {@code stream}. */
  private static boolean streamOptions(Object value, boolean stream) {
    if (value == null) {
      return false;
    }
    if (!stream) {
      throw invalid("stream_options", "is only allowed with \"stream\": true");
    }
    if (!(value instanceof JsonObject options)) {
      throw invalid("stream_options", "must be an object such as {\"include_usage\": true}");
    }
    for (String field : options.fieldNames()) {
      if (!Set.of("include_usage", "include_obfuscation").contains(field)) {
        throw invalid("stream_options", "has an unexpected field '" + field + "'");
      }
    }
    flag(options.getValue("include_obfuscation"), "stream_options.include_obfuscation");
    return flag(options.getValue("include_usage"), "stream_options.include_usage");
  }

  private static Problem invalid(String field, String rule) {
    return Problem.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
  }
}
