package dev.atrium.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The server's open connections, in total and per client address, counted across all its event
 * loops. A connection within the limits is served; one over them is held only to answer its first
 * request with a 503, while fewer than {@link #REFUSAL_RESERVE} connections wait for that answer;
 * beyond those it is dropped (closed unanswered). So the server never holds more than {@code
 * maxConnections + REFUSAL_RESERVE} connections.
 */
public final class ConnectionLimits {
  /** Connections over the limits that may be held at one time to be told why they are refused. */
  public static final int REFUSAL_RESERVE = 64;

  /** What becomes of a new connection. */
  public enum Admission {
    SERVED,
    REFUSED,
    DROPPED
  }

  private final int maxConnections;
  private final int maxPerAddress;
  private final Map<String, Integer> servedByAddress = new HashMap<>();
  private int served;
  private int refused;

  /** {@code maxPerAddress} 0 means no limit per address. */
  public ConnectionLimits(int maxConnections, int maxPerAddress) {
    if (maxConnections < 1 || maxPerAddress < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  public synchronized Admission admit(String address) {
    int fromAddress = servedByAddress.getOrDefault(address, 0);
    if (served < maxConnections && (maxPerAddress == 0 || fromAddress < maxPerAddress)) {
      served++;
      servedByAddress.put(address, fromAddress + 1);
      return Admission.SERVED;
    }
    if (refused < REFUSAL_RESERVE) {
      refused++;
      return Admission.REFUSED;
    }
    return Admission.DROPPED;
  }

  /** Called once when a connection admitted as {@code admission} closes. */
  public synchronized void release(String address, Admission admission) {
    switch (admission) {
      case SERVED -> {
        served--;
        servedByAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
      }
      case REFUSED -> refused--;
      case DROPPED -> {}
    }
  }
}
