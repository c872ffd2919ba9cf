package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A model the pool serves, as plugins and the API see it.
 *
 * @param id the id requests name
 * @param task what the model does
 * @param dimensions the vector length, for embedding models
 * @param languages language tags the model is meant for (e.g. {@code en}, {@code zh})
 * @param maxInputTokens texts longer than this are truncated
 * @param devices where its workers run, e.g. {@code [cpu]} or {@code [gpu0, gpu1]}
 */
public record ModelInfo(
    String id,
    Task task,
    OptionalInt dimensions,
    List<String> languages,
    int maxInputTokens,
    List<String> devices) {

  public ModelInfo {
    requireNonNull(id, "id is null");
    requireNonNull(task, "task is null");
    requireNonNull(dimensions, "dimensions is null");
    languages = List.copyOf(requireNonNull(languages, "languages is null"));
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
  }
}
