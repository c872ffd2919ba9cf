package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a generation model picks its tokens and when it stops (the OpenAI parameters of the same
 * names).
 *
 * @param maxTokens most tokens to generate; the pool lowers it to what fits the model's context
 * @param temperature 0 to 2; 0 always picks the likeliest token
 * @param topP nucleus sampling, above 0 and at most 1
 * @param seed the same seed, prompt and parameters give the same text; empty for a random seed
 * @param stop up to 4 strings, none empty: generation stops before the first one, which is not part
 *     of the text
 * @param presencePenalty -2 to 2: positive values discourage tokens already present
 * @param frequencyPenalty -2 to 2: positive values discourage tokens by how often they occurred
 * @param logitBias token id to a bias from -100 (never) to 100 (always)
 * @param jsonSchema when present, the text is a JSON value valid against this JSON Schema (the
 *     model's sampling is constrained by a grammar built from it)
 */
public record Sampling(
    int maxTokens,
    double temperature,
    double topP,
    OptionalLong seed,
    List<String> stop,
    double presencePenalty,
    double frequencyPenalty,
    Map<Integer, Double> logitBias,
    Optional<String> jsonSchema) {

  /** The stop strings a request may carry at most. */
  public static final int MAX_STOP = 4;

  public Sampling {
    requireNonNull(seed, "seed is null");
    stop = List.copyOf(requireNonNull(stop, "stop is null"));
    logitBias = Map.copyOf(requireNonNull(logitBias, "logitBias is null"));
    requireNonNull(jsonSchema, "jsonSchema is null");
    check(maxTokens >= 1, "maxTokens must be at least 1, got " + maxTokens);
    check(temperature >= 0 && temperature <= 2, "temperature must be between 0 and 2");
    check(topP > 0 && topP <= 1, "topP must be above 0 and at most 1");
    check(stop.size() <= MAX_STOP, "at most " + MAX_STOP + " stop strings");
    check(stop.stream().noneMatch(String::isEmpty), "stop strings must not be empty");
    check(presencePenalty >= -2 && presencePenalty <= 2, "presencePenalty must be -2 to 2");
    check(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequencyPenalty must be -2 to 2");
    for (var bias : logitBias.entrySet()) {
      check(bias.getKey() >= 0, "logitBias token ids must not be negative");
      check(
          bias.getValue() >= -100 && bias.getValue() <= 100,
          "logitBias values must be -100 to 100");
    }
  }

  /** Default sampling (temperature 1, top-p 1, no penalties) for at most {@code maxTokens}. */
  public static Sampling maxTokens(int maxTokens) {
    return new Sampling(
        maxTokens, 1.0, 1.0, OptionalLong.empty(), List.of(), 0, 0, Map.of(), Optional.empty());
  }

  public Sampling withTemperature(double value) {
    return new Sampling(
        maxTokens,
        value,
        topP,
        seed,
        stop,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        jsonSchema);
  }

  public Sampling withSeed(long value) {
    return new Sampling(
        maxTokens,
        temperature,
        topP,
        OptionalLong.of(value),
        stop,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        jsonSchema);
  }

  public Sampling withStop(List<String> value) {
    return new Sampling(
        maxTokens,
        temperature,
        topP,
        seed,
        value,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        jsonSchema);
  }

  public Sampling withMaxTokens(int value) {
    return new Sampling(
        value,
        temperature,
        topP,
        seed,
        stop,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        jsonSchema);
  }

  public Sampling withJsonSchema(String schema) {
    return new Sampling(
        maxTokens,
        temperature,
        topP,
        seed,
        stop,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        Optional.of(schema));
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new InvalidInputException(message);
    }
  }
}
