package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

/**
 * What one request cost, for metering.
 *
 * @param items inputs computed (texts for an embedding)
 * @param tokens tokens the model saw, after truncation and before padding
 * @param computeMillis this request's share of its batch's compute time (batch time split by
 *     tokens)
 * @param device where it ran, e.g. {@code cpu} or {@code gpu0}
 */
public record Usage(int items, long tokens, double computeMillis, String device) {
  public Usage {
    requireNonNull(device, "device is null");
    if (items < 0 || tokens < 0 || computeMillis < 0) {
      throw new IllegalArgumentException("usage must not be negative");
    }
  }
}
