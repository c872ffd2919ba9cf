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
 * @param maxInputTokens texts longer than this are truncated; for a generation model, its context
 *     length (prompt plus completion) per request
 * @param devices where its workers run, e.g. {@code [cpu]} or {@code [gpu0, gpu1]}
 * @param owner who serves it: {@code atrium} for the operator's catalog, else the id of the plugin
 *     that registered it
 */
public record ModelInfo(
    String id,
    Task task,
    OptionalInt dimensions,
    List<String> languages,
    int maxInputTokens,
    List<String> devices,
    String owner) {

  /** Who serves the models of the operator's catalog. */
  public static final String CATALOG_OWNER = "atrium";

  public ModelInfo {
    requireNonNull(id, "id is null");
    requireNonNull(task, "task is null");
    requireNonNull(dimensions, "dimensions is null");
    languages = List.copyOf(requireNonNull(languages, "languages is null"));
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
    requireNonNull(owner, "owner is null");
  }

  /** A catalog model (the SDK 1.2 constructor). */
  public ModelInfo(
      String id,
      Task task,
      OptionalInt dimensions,
      List<String> languages,
      int maxInputTokens,
      List<String> devices) {
    this(id, task, dimensions, languages, maxInputTokens, devices, CATALOG_OWNER);
  }
}
