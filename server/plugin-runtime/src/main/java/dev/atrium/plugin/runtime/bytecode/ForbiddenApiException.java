package dev.atrium.plugin.runtime.bytecode;

/**
 * Plugin code the {@link CodePolicy} refuses: {@code code} is stable ({@code forbidden_api}, or
 * {@code unreadable_class} / {@code unreadable_library} for bytes that are not Java code), the
 * message lists every use found, so a developer fixes them all at once.
 */
public final class ForbiddenApiException extends RuntimeException {
  private final String code;

  public ForbiddenApiException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
