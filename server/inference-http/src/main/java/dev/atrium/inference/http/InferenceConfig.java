package dev.atrium.inference.http;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import dev.atrium.inference.catalog.CatalogConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the inference settings: the model catalog (a JSON file named by {@code
 * inference.catalog-file}; empty means the bundled models with their defaults, see
 * docs/inference.md), the embeddings API limits, and the generation API's default model and
 * deadline.
 */
public final class InferenceConfig {
  private InferenceConfig() {}

  public static JsonObject catalog(AtriumConfig config) {
    String file = config.string("inference.catalog-file");
    if (file.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException | DecodeException e) {
      throw new ConfigException(
          "inference.catalog-file (ATRIUM_INFERENCE_CATALOG_FILE): cannot read JSON from "
              + file
              + ": "
              + e.getMessage());
    }
  }

  public static EmbeddingsApi.EmbeddingLimits embeddingLimits(AtriumConfig config) {
    return new EmbeddingsApi.EmbeddingLimits(
        config.integer("embeddings.max-inputs"),
        config.integer("embeddings.max-input-chars"),
        Duration.ofMillis(config.integer("embeddings.timeout-ms")));
  }

  /** How long a chat or text completion may take, queueing included. */
  public static Duration generationTimeout(AtriumConfig config) {
    return Duration.ofMillis(config.integer("generation.timeout-ms"));
  }

  /** The catalog's {@code default_generation_model}, if it names one. */
  public static Optional<String> defaultGenerationModel(AtriumConfig config) {
    return CatalogConfig.parse(catalog(config)).defaultGenerationModel();
  }
}
