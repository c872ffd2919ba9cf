package dev.atrium.config;

/** A configuration value is missing, unknown or malformed; the message says which and why. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
