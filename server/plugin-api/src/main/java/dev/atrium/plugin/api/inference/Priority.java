package dev.atrium.plugin.api.inference;

/**
 * How urgent a request is compared with the same tenant's other requests. Priority orders jobs only
 * inside one tenant's queue; it never lets a tenant overtake another (fairness between tenants
 * comes from their weights).
 */
public enum Priority {
  /** Someone is waiting for the answer (an interactive call). */
  HIGH,
  /** The default. */
  NORMAL,
  /** Background or bulk work. */
  LOW
}
