package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads from one JSON object, with errors that name the offending key by its path. */
final class ConfigReader {

  private final JsonObject json;
  private final String path;

  ConfigReader(JsonObject json, String path) {
    this.json = requireNonNull(json, "json is null");
    this.path = requireNonNull(path, "path is null");
  }

  /** Fails on any key outside {@code known}: a typo must not silently fall back to a default. */
  void rejectUnknownKeys(Set<String> known) {
    Set<String> unknown = new TreeSet<>(json.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw error("unknown key(s) " + unknown + "; known keys are " + new TreeSet<>(known));
    }
  }

  String string(String key, String fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw error(key + " must be a non-empty string, got " + value);
    }
    return text;
  }

  boolean bool(String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw error(key + " must be true or false, got " + value);
    }
    return flag;
  }

  int integer(String key, int fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
      throw error(key + " must be a whole number, got " + value);
    }
    long whole = number.longValue();
    if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
      throw error(key + " is out of range: " + value);
    }
    return (int) whole;
  }

  /** A duration given as a number of {@code unitMillis}-long units (fractions allowed). */
  Duration duration(String key, Duration fallback, long unitMillis) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || number.doubleValue() < 0) {
      throw error(key + " must be a non-negative number, got " + value);
    }
    return Duration.ofNanos(Math.round(number.doubleValue() * unitMillis * 1_000_000d));
  }

  /** A list of strings; a single string is read as a list of one. */
  List<String> strings(String key, List<String> fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String single) {
      return List.of(single);
    }
    if (!(value instanceof JsonArray array)) {
      throw error(key + " must be a string or a list of strings, got " + value);
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw error(key + " must hold non-empty strings only, got " + item);
      }
      result.add(text);
    }
    return List.copyOf(result);
  }

  JsonObject object(String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw error(key + " must be an object, got " + value);
    }
    return object;
  }

  ConfigReader child(String key) {
    return new ConfigReader(object(key), path + "." + key);
  }

  CatalogConfigException error(String message) {
    return new CatalogConfigException(path + ": " + message);
  }
}
