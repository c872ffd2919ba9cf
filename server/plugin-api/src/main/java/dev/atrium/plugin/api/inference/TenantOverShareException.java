package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The tenant already holds its weighted share of a model's queue while other tenants are using it:
 * HTTP 429 with Retry-After.
 */
public final class TenantOverShareException extends CapacityExceededException {

  private static final long serialVersionUID = 1L;

  private final String tenantId;

  public TenantOverShareException(String tenantId, String modelId, Duration retryAfter) {
    super(
        "tenant '" + tenantId + "' holds its share of the queue of model '" + modelId + "'",
        modelId,
        retryAfter);
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
  }

  /** The tenant that was turned away. */
  public String tenantId() {
    return tenantId;
  }
}
