package dev.atrium.inference.http;

import dev.atrium.billing.http.RequestMeter;
import dev.atrium.plugin.api.inference.Usage;

/**
 * Bills the time a request held the pool: {@code compute_ms.gpu} when it ran on a GPU, {@code
 * compute_ms.cpu} otherwise, rounded up to whole milliseconds.
 */
final class ComputeTime {
  private ComputeTime() {}

  static void record(RequestMeter meter, Usage usage, String model, String plugin) {
    String computeMeter = usage.device().startsWith("gpu") ? "compute_ms.gpu" : "compute_ms.cpu";
    meter.record(computeMeter, Math.round(Math.ceil(usage.computeMillis())), plugin, model);
  }
}
