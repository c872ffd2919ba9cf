package dev.atrium.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Roles, ordered by what they may do inside a tenant: a viewer reads, a developer manages API keys,
 * an admin manages the team and reads the audit log, an owner may also manage owners. The operator
 * runs the platform and belongs to no tenant.
 */
public enum Role {
  VIEWER,
  DEVELOPER,
  ADMIN,
  OWNER,
  OPERATOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this tenant role includes everything {@code other} may do. */
  public boolean atLeast(Role other) {
    return this != OPERATOR && other != OPERATOR && compareTo(other) >= 0;
  }

  /** A tenant role by its wire name; the operator role cannot be granted through the API. */
  public static Optional<Role> tenantRole(String wireName) {
    return Arrays.stream(values())
        .filter(r -> r != OPERATOR && r.wireName().equals(wireName))
        .findFirst();
  }

  public static Role fromWire(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
