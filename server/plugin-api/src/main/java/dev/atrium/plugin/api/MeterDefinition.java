package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

/**
 * A meter a plugin counts, e.g. {@code documents.indexed} in {@code documents}.
 *
 * @param name lower-case, dot-separated, unique within the plugin
 * @param unit what one unit is (requests, documents, tokens...)
 * @param description for people: what is counted and when
 */
public record MeterDefinition(String name, String unit, String description) {
  public MeterDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(description, "description is null");
    if (!name.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*") || name.length() > 64) {
      throw new IllegalArgumentException("meter name '" + name + "' must look like a.b_c");
    }
  }
}
