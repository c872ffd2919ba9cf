package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A model a plugin brings to the shared pool (one it ships or trains), in the terms of the
 * operator's catalog.
 *
 * @param id the id requests name; a plugin's models are best prefixed with the plugin id
 * @param task what it does
 * @param artifact the model file (for generation, a GGUF file) or, for embeddings, the path without
 *     the {@code .onnx} suffix
 * @param settings any other catalog key of the model (engine, devices, pool keys such as {@code
 *     max_workers}, {@code context_length}, ...), as in the operator's configuration
 */
public record ModelDefinition(String id, Task task, Path artifact, JsonObject settings) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ModelDefinition {
    requireNonNull(id, "id is null");
    requireNonNull(task, "task is null");
    requireNonNull(artifact, "artifact is null");
    settings = requireNonNull(settings, "settings is null").copy();
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "model id must be 1 to 64 lower-case letters, digits, '.', '_' or '-', got '" + id + "'");
    }
  }

  /** A model with the catalog's default settings for its task. */
  public static ModelDefinition of(String id, Task task, Path artifact) {
    return new ModelDefinition(id, task, artifact, new JsonObject());
  }
}
