package dev.atrium.inference.runner;

import static java.util.Objects.requireNonNull;

/**
 * One output item and what computing it took.
 *
 * @param value the output
 * @param tokens tokens the model saw for this item (after truncation, without padding)
 */
public record Computed<O>(O value, int tokens) {

  public Computed {
    requireNonNull(value, "value is null");
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must not be negative");
    }
  }
}
