package dev.atrium.plugin.api;

import io.vertx.core.Future;

/**
 * A plugin route's logic. The host calls it on a virtual thread of the plugin's own, so it may
 * block (for example on {@code future.await()}) without holding up anything else; it should still
 * finish before {@link PluginRequest#deadline()}, after which the caller has had a 504.
 *
 * <p>An exception thrown or a failed future answers 500 (the exception is logged, never shown),
 * except {@code io.vertx.core.json.DecodeException}, which answers 400: {@link
 * InvalidJsonException} (from {@link PluginRequest#bodyAsJson()}) with its code, any other with
 * {@code malformed_json}.
 */
@FunctionalInterface
public interface RouteHandler {
  Future<PluginResponse> handle(PluginRequest request) throws Exception;
}
