package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/**
 * One turn of a conversation sent to a generation model.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the turn's text
 */
public record ChatMessage(String role, String content) {

  /** The roles a chat template knows. */
  public static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public ChatMessage {
    requireNonNull(role, "role is null");
    requireNonNull(content, "content is null");
    role = role.toLowerCase(Locale.ROOT);
    if (!ROLES.contains(role)) {
      throw new InvalidInputException(
          "role must be one of system, user or assistant, got '" + role + "'");
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
