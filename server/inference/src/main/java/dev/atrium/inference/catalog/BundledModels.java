package dev.atrium.inference.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The models shipped inside the server, written as catalog entries so that configuration can
 * override any of their keys: two embedding models (ONNX int8 files in Maven jars on the classpath)
 * and a tiny generation model (a GGUF file in this module's resources).
 */
public final class BundledModels {

  /** English sentence embeddings, 384 dimensions, mean pooling: the default for English. */
  public static final String ENGLISH = "all-minilm-l6-v2";

  /** Chinese sentence embeddings, 512 dimensions, CLS pooling: the default for Chinese. */
  public static final String CHINESE = "bge-small-zh-v15";

  /**
   * A 260K-parameter Llama trained on TinyStories (English children's stories; MIT, from llama2.c
   * via llama.cpp's test models): proves the generation path out of the box, is no assistant.
   */
  public static final String STORIES = "stories260k";

  private BundledModels() {}

  /** The catalog entries by id, in catalog order. */
  static Map<String, JsonObject> entries() {
    return Map.of(
        ENGLISH,
        embedding("classpath:all-minilm-l6-v2-q", "en", 384, "mean", 256)
            .put("license", "Apache-2.0"),
        CHINESE,
        embedding("classpath:bge-small-zh-v1.5-q", "zh", 512, "cls", 512).put("license", "MIT"),
        STORIES,
        new JsonObject()
            .put("task", "generation")
            .put("engine", "llama.cpp")
            .put("artifact", "classpath:atrium/models/stories260K.gguf")
            .put("languages", new JsonArray().add("en"))
            .put("license", "MIT")
            .put("context_length", 2048)
            // Measured by ./atrium bench generation on 2 cores: one llama.cpp thread writes 2,386
            // tokens/s with this tiny model, two threads 410 (their synchronisation costs more than
            // a 64-wide layer computes). Real models keep the default, every core.
            .put("intra_op_threads", 1));
  }

  /** Which model serves each language when a request names none. */
  static Map<String, String> defaultsByLanguage() {
    return Map.of("en", ENGLISH, "zh", CHINESE);
  }

  private static JsonObject embedding(
      String artifact, String language, int dimensions, String pooling, int maxTokens) {
    return new JsonObject()
        .put("task", "embedding")
        .put("engine", "OnnxRuntime")
        .put("artifact", artifact)
        .put("languages", new JsonArray().add(language))
        .put("dimensions", dimensions)
        .put("pooling", pooling)
        .put("max_tokens", maxTokens);
  }
}
