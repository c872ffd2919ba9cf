package dev.atrium.host;

/**
 * Why the host will not install or load a plugin archive: {@code code} is stable and names the rule
 * (for programs and the problem response), the message says what to fix.
 */
public final class PluginRefusedException extends RuntimeException {
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
}
