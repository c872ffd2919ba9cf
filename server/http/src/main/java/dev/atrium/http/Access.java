package dev.atrium.http;

import dev.atrium.shared.Role;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Who may call a route. Declared with the route, enforced by {@link ApiRoutes} and published in the
 * OpenAPI document, so a route cannot exist without its access rule.
 */
public record Access(Kind kind, Role minimumRole, String scope, boolean metered) {

  /** How the caller authenticates. */
  public enum Kind {
    /** No authentication: health, metrics, the OpenAPI document, signup and login. */
    PUBLIC,
    /** A dashboard JWT of any user: a tenant member or the operator. */
    USER,
    /** A dashboard JWT of a tenant member holding at least {@code minimumRole}. */
    MEMBER,
    /** A dashboard JWT of the platform operator. */
    OPERATOR,
    /** An API key ({@code Authorization: Bearer atr_...}) holding {@code scope}, if one is set. */
    API_KEY
  }

  public static Access open() {
    return new Access(Kind.PUBLIC, null, null, false);
  }

  public static Access user() {
    return new Access(Kind.USER, null, null, false);
  }

  public static Access member(Role minimumRole) {
    return new Access(Kind.MEMBER, minimumRole, null, false);
  }

  public static Access operator() {
    return new Access(Kind.OPERATOR, Role.OPERATOR, null, false);
  }

  /** An API-key route whose requests are metered (the {@code requests} meter, durably). */
  public static Access apiKey(String scope) {
    return new Access(Kind.API_KEY, null, scope, true);
  }

  /**
   * An API-key route that is rate limited but not billed: introspection such as {@code /v1/me} and
   * {@code /v1/models}, which costs nothing and should not wait for the usage ledger.
   */
  public static Access freeApiKey() {
    return new Access(Kind.API_KEY, null, null, false);
  }

  /** The machine-readable rule, published as {@code x-atrium-access} in the OpenAPI document. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("kind", kind.name().toLowerCase(Locale.ROOT))
        .put("minimumRole", minimumRole == null ? null : minimumRole.wireName())
        .put("scope", scope)
        .put("metered", metered);
  }

  /** A sentence for the OpenAPI description. */
  public String describe() {
    return switch (kind) {
      case PUBLIC -> "No authentication.";
      case USER -> "Dashboard token of any user.";
      case MEMBER ->
          "Dashboard token of a tenant member with role " + minimumRole.wireName() + " or higher.";
      case OPERATOR -> "Dashboard token of the platform operator.";
      case API_KEY -> scope == null ? "API key." : "API key with scope '" + scope + "' (or '*').";
    };
  }
}
