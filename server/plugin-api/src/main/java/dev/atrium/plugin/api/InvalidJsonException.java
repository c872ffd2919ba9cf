package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.DecodeException;

/**
 * A request body that {@link StrictJson} refuses. It is a {@link DecodeException}, so code written
 * for SDK 1.3 and earlier that catches that keeps working; the host answers it with {@code 400} and
 * the problem code {@link #code()}.
 *
 * @since 1.4.0
 */
public final class InvalidJsonException extends DecodeException {
  /** Not JSON (syntax, comments, trailing content), or not the expected shape. */
  public static final String MALFORMED_JSON = "malformed_json";

  /** An object names the same member twice. */
  public static final String DUPLICATE_KEY = "duplicate_key";

  /** The bytes are not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /**
   * A string holds NUL, another C0 control other than tab, line feed and carriage return, or an
   * unpaired surrogate.
   */
  public static final String INVALID_CHARACTERS = "invalid_characters";

  private final String code;

  public InvalidJsonException(String code, String detail) {
    super(requireNonNull(detail, "detail is null"));
    this.code = requireNonNull(code, "code is null");
  }

  /** The stable problem code, one of the constants of this class. */
  public String code() {
    return code;
  }
}
