package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.Task;
import java.util.Optional;

/**
 * A model a plugin needs: a task, optionally a specific model, and why. The host reports on the
 * operator API whether the pool serves it.
 */
public record ModelRequirement(Task task, Optional<String> modelId, String purpose) {
  public ModelRequirement {
    requireNonNull(task, "task is null");
    requireNonNull(modelId, "modelId is null");
    requireNonNull(purpose, "purpose is null");
  }

  /** Any model for {@code task}. */
  public static ModelRequirement task(Task task, String purpose) {
    return new ModelRequirement(task, Optional.empty(), purpose);
  }
}
