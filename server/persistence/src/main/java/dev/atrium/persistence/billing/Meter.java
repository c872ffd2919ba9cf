package dev.atrium.persistence.billing;

/**
 * Something billed by the unit. {@code pluginId} is null for platform meters; a plugin's meters are
 * named {@code <plugin-id>.<name>}. Meters counted in {@value #TOKEN} also drain the
 * tokens-per-minute rate limit.
 */
public record Meter(String name, String unit, String pluginId, String description) {
  public static final String TOKEN = "token";

  public boolean countsTokens() {
    return TOKEN.equals(unit);
  }
}
