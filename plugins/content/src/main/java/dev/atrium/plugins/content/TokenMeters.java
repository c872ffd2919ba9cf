package dev.atrium.plugins.content;

import dev.atrium.plugin.api.UsageMeter;
import io.vertx.core.Future;

/**
 * Where the tokens of content's inference are billed. In a request the host bills the request's
 * inference itself, on the platform's meters ({@code embedding_tokens}, {@code
 * generation_input_tokens}, {@code generation_output_tokens}) with the plugin's id, so nothing more
 * is recorded ({@link #BILLED_BY_HOST}); a batch job runs outside any request, so its tokens go on
 * the plugin's own token meters ({@link #own}).
 */
@FunctionalInterface
interface TokenMeters {
  /** Inference in a request: the host has billed it. */
  TokenMeters BILLED_BY_HOST = (meter, quantity, key) -> Future.succeededFuture();

  /** Records {@code quantity} tokens on the plugin's {@code meter}, idempotent by {@code key}. */
  Future<Void> record(String meter, long quantity, String key);

  /**
   * Inference outside a request (a batch job), recorded on the plugin's meters of {@code tenantId}.
   */
  static TokenMeters own(UsageMeter usage, String tenantId) {
    return (meter, quantity, key) ->
        quantity <= 0 ? Future.succeededFuture() : usage.record(tenantId, meter, quantity, key);
  }
}
