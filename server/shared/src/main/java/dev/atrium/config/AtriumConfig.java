package dev.atrium.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Atrium's configuration: the defaults in {@code atrium-defaults.properties}, overridden by an
 * optional file named in {@code ATRIUM_CONFIG}, overridden by {@code ATRIUM_*} environment
 * variables. Unknown keys are refused so a typo never silently falls back to a default.
 */
public final class AtriumConfig {
  private static final String DEFAULTS = "/atrium-defaults.properties";

  private final Map<String, String> values;

  private AtriumConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Defaults, then the file in {@code ATRIUM_CONFIG}, then the environment. */
  public static AtriumConfig load(Map<String, String> environment) {
    Map<String, String> values = defaults();
    String file = environment.get("ATRIUM_CONFIG");
    if (file != null && !file.isBlank()) {
      overlay(values, readFile(Path.of(file)), "file " + file);
    }
    for (String key : values.keySet()) {
      String override = environment.get(environmentName(key));
      if (override != null) {
        values.put(key, override);
      }
    }
    return new AtriumConfig(values);
  }

  /** Defaults overridden by {@code overrides}: for tests and embedding. */
  public static AtriumConfig of(Map<String, String> overrides) {
    Map<String, String> values = defaults();
    overlay(values, overrides, "overrides");
    return new AtriumConfig(values);
  }

  /** The environment variable that overrides {@code key}: {@code http.port -> ATRIUM_HTTP_PORT}. */
  public static String environmentName(String key) {
    return "ATRIUM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Every known key with its default value, sorted. */
  public static Map<String, String> defaults() {
    Properties properties = new Properties();
    try (InputStream in = AtriumConfig.class.getResourceAsStream(DEFAULTS)) {
      properties.load(requireNonNull(in, DEFAULTS + " is missing"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new TreeMap<>();
    properties.forEach((k, v) -> values.put((String) k, ((String) v).trim()));
    return values;
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties.forEach((k, v) -> values.put((String) k, ((String) v).trim()));
    return values;
  }

  private static void overlay(Map<String, String> values, Map<String, String> with, String from) {
    with.forEach(
        (key, value) -> {
          if (!values.containsKey(key)) {
            throw new ConfigException("unknown configuration key '" + key + "' in " + from);
          }
          values.put(key, value);
        });
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new ConfigException("unknown configuration key '" + key + "'");
    }
    return value;
  }

  public int integer(String key) {
    String value = string(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key + " (" + environmentName(key) + ") must be an integer, not '" + value + "'");
    }
  }

  public boolean isDevProfile() {
    return "dev".equals(string("profile"));
  }

  public Path dataDir() {
    return Path.of(string("data.dir"));
  }

  /** The same configuration with {@code key} set to {@code value}. */
  public AtriumConfig with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    overlay(copy, Map.of(key, value), "with()");
    return new AtriumConfig(copy);
  }
}
