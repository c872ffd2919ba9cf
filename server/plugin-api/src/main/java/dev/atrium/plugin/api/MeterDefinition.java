package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A meter a plugin counts, e.g. {@code documents_indexed} in {@code documents}: lower-case letters,
 * digits and {@code _}, at most 23 characters (billing prices it as {@code <plugin-id>.<name>}).
 *
 * @param name lower-case letters, digits and {@code _}, unique within the plugin
 * @param unit what one unit is (requests, documents, tokens...)
 * @param description for people: what is counted and when
 */
public record MeterDefinition(String name, String unit, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,22}");

  public MeterDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(description, "description is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "meter name '"
              + name
              + "' must be lower-case letters, digits and '_', at most 23 characters");
    }
  }
}
