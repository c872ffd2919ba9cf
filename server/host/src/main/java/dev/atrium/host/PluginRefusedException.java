package dev.atrium.host;

import java.util.Map;

/**
 * Why the host will not install or load a plugin archive: {@code code} is stable and names the rule
 * (for programs and the problem response), the message says what to fix.
 */
public final class PluginRefusedException extends RuntimeException {
  private static final Map<String, Integer> STATUS_BY_CODE =
      Map.of(
          "archive_too_large", 413,
          "plugin_exists", 409,
          "downgrade_refused", 409,
          "incompatible_sdk", 422,
          "forbidden_api", 422,
          "unreadable_class", 422,
          "unreadable_library", 422,
          "invalid_routes", 422,
          "invalid_settings_schema", 422,
          "plugin_failed_to_start", 422);

  private final String code;

  public PluginRefusedException(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public PluginRefusedException(String code, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The HTTP status the operator API answers this refusal with. */
  public int status() {
    return STATUS_BY_CODE.getOrDefault(code, 400);
  }
}
