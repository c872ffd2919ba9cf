package dev.atrium.inference;

/**
 * A tenant's weight in fair queuing and admission shares (from its plan): a tenant with weight 2
 * gets twice the compute and queue share of a tenant with weight 1 when both are busy. Called on
 * pool threads while a queue lock is held, so it must be fast and non-blocking (e.g. a map or cache
 * lookup).
 */
@FunctionalInterface
public interface TenantWeights {

  /** Every tenant weighs 1. */
  TenantWeights EQUAL = tenantId -> 1.0;

  /** The weight, strictly positive. */
  double weight(String tenantId);
}
