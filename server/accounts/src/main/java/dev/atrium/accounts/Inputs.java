package dev.atrium.accounts;

import dev.atrium.http.JsonBody;
import dev.atrium.shared.Problem;
import io.vertx.ext.web.RoutingContext;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validation shared by the dashboard API: e-mails, passwords, display names, path ids. */
public final class Inputs {
  static final int MAX_NAME = 200;
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 1024;

  /** No white space and no control character (C0, DEL, C1) anywhere. */
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s\\p{Cc}]{1,64}@[^@\\s\\p{Cc}]+\\.[^@\\s\\p{Cc}]+$");

  private Inputs() {}

  static String email(JsonBody body) {
    String email = body.requiredString("email", 320).trim().toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw Problem.badRequest("invalid_field", "Field 'email' must be an e-mail address.");
    }
    return email;
  }

  static String password(JsonBody body) {
    String password = body.requiredString("password", MAX_PASSWORD);
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      throw Problem.badRequest(
          "weak_password", "Field 'password' must have at least " + MIN_PASSWORD + " characters.");
    }
    return password;
  }

  /** A display name: NFC-normalised, trimmed, without control characters. */
  static String name(JsonBody body, String field) {
    return text(body, field, MAX_NAME);
  }

  /** A line of text for people: NFC-normalised, trimmed, without control characters. */
  static String text(JsonBody body, String field, int maxLength) {
    String name =
        Normalizer.normalize(body.requiredString(field, maxLength).trim(), Normalizer.Form.NFC);
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw Problem.badRequest(
          "invalid_field", "Field '" + field + "' must not contain control characters.");
    }
    return name;
  }

  /** The UUID in path parameter {@code name}; anything else is simply not found. */
  public static UUID pathId(RoutingContext ctx, String name, String what) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound(what);
    }
  }
}
