package dev.atrium.http;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import java.time.Duration;

/**
 * How long a client may take and how many connections it may hold: the {@code http.*} timeouts and
 * connection limits (docs/configuration.md). A zero timeout is off; a zero per-address limit is
 * off; the total limit is always on.
 *
 * @param idleTimeout a connection with no byte read or written for this long is closed; also how
 *     long a kept-alive connection may take to deliver its next request
 * @param headerTimeout how long a new connection may take to deliver its request line and headers
 * @param bodyTimeout how long a request may take to deliver its body once its headers arrived
 * @param maxConnections open connections the server holds at most
 * @param maxConnectionsPerAddress open connections one client address may hold
 */
public record ConnectionPolicy(
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxConnectionsPerAddress) {

  public static ConnectionPolicy from(AtriumConfig config) {
    return new ConnectionPolicy(
        Duration.ofSeconds(atLeast(config, "http.idle-timeout-seconds", 0)),
        Duration.ofSeconds(atLeast(config, "http.header-timeout-seconds", 0)),
        Duration.ofSeconds(atLeast(config, "http.body-timeout-seconds", 0)),
        atLeast(config, "http.max-connections", 1),
        atLeast(config, "http.max-connections-per-address", 0));
  }

  private static int atLeast(AtriumConfig config, String key, int minimum) {
    int value = config.integer(key);
    if (value < minimum) {
      throw new ConfigException(
          key
              + " ("
              + AtriumConfig.environmentName(key)
              + ") must be at least "
              + minimum
              + ", not "
              + value);
    }
    return value;
  }
}
