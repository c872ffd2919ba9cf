package dev.atrium.plugin.api;

import dev.atrium.plugin.api.inference.InferenceClient;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * The host services bound to one call of a plugin route ({@link PluginContext#request}): the
 * calling tenant's storage, and an inference client and usage meter that bill that request. On
 * Atrium, inference is reserved against the tenant's plan before it is queued and settled at what
 * it used, usage is committed with the request's one usage entry under idempotency keys derived
 * from the request (a retry with the same {@code Idempotency-Key} bills once), nothing is billed
 * when the request is answered with an error, and work still queued when the request ends is
 * cancelled. Futures complete on the request's own Vert.x context. Since SDK 1.6.0.
 */
public interface RequestServices {

  /** The request these services are bound to. */
  PluginRequest request();

  /** The calling tenant's services for this plugin. */
  TenantServices tenant();

  /** The inference pool, billed to this request. */
  InferenceClient inference();

  /** The plugin's meters, recorded with this request. */
  UsageMeter usage();

  /** When the host answers 504 if the plugin has not answered. */
  default Instant deadline() {
    return request().deadline();
  }

  /** Completes when the request is over: answered, timed out or abandoned by the client. */
  default Future<Void> done() {
    return request().done();
  }

  /** Services built from a context's own (request-independent) ones, for hosts before 1.6.0. */
  static RequestServices of(PluginRequest request, PluginContext context) {
    TenantServices tenant = context.tenant(request.tenantId());
    return new RequestServices() {
      @Override
      public PluginRequest request() {
        return request;
      }

      @Override
      public TenantServices tenant() {
        return tenant;
      }

      @Override
      public InferenceClient inference() {
        return context.inference();
      }

      @Override
      public UsageMeter usage() {
        return context.usage();
      }
    };
  }
}
