package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which entries a search or delete considers: those whose metadata has all these values. */
public record VectorFilter(Map<String, String> equals) {
  public VectorFilter {
    equals = Map.copyOf(requireNonNull(equals, "equals is null"));
  }

  /** Every entry. */
  public static VectorFilter none() {
    return new VectorFilter(Map.of());
  }

  /** Entries whose metadata {@code key} is {@code value}. */
  public static VectorFilter eq(String key, String value) {
    return none().and(key, value);
  }

  /** This filter, also requiring metadata {@code key} to be {@code value}. */
  public VectorFilter and(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(equals);
    copy.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    return new VectorFilter(copy);
  }
}
