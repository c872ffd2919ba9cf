package dev.atrium.inference.http;

import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code messages} of a chat completion request: a non-empty array of {@code {role,
 * content, name?}} where the role is {@code system}, {@code developer} (OpenAI's newer name for
 * system, read as system), {@code user} or {@code assistant}, and the content a string or an array
 * of {@code {"type": "text", "text"}} parts (joined by new lines). Tool turns, tool calls and
 * non-text parts are refused with 400 {@code unsupported_parameter} / {@code unsupported_content};
 * anything malformed with 400 {@code invalid_field}. {@code name} is accepted and not used.
 */
final class ChatMessages {
  private static final Set<String> FIELDS = Set.of("role", "content", "name", "tool_calls");

  private ChatMessages() {}

  static List<ChatMessage> parse(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw invalid("messages", "is required: a non-empty array of {role, content} objects");
    }
    List<ChatMessage> messages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      messages.add(message(array.getValue(i), "messages[" + i + "]"));
    }
    return List.copyOf(messages);
  }

  private static ChatMessage message(Object value, String where) {
    if (!(value instanceof JsonObject message)) {
      throw invalid(where, "must be an object with 'role' and 'content'");
    }
    for (String field : message.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw invalid(where, "has an unknown field '" + field + "'");
      }
    }
    Object toolCalls = message.getValue("tool_calls");
    if (toolCalls != null && !(toolCalls instanceof JsonArray calls && calls.isEmpty())) {
      throw unsupported(where + ".tool_calls", "tool calls are not supported");
    }
    if (message.getValue("name") != null && !(message.getValue("name") instanceof String)) {
      throw invalid(where + ".name", "must be a string");
    }
    String role = role(message.getValue("role"), where + ".role");
    return new ChatMessage(role, content(message.getValue("content"), where + ".content"));
  }

  private static String role(Object value, String where) {
    if (!(value instanceof String role)) {
      throw invalid(where, "is required: one of system, developer, user, assistant");
    }
    return switch (role) {
      case "system", "developer" -> "system";
      case "user", "assistant" -> role;
      case "tool", "function" ->
          throw unsupported(where, "'" + role + "' turns are not supported (no tool calling)");
      default ->
          throw invalid(
              where, "must be one of system, developer, user, assistant; got '" + role + "'");
    };
  }

  private static String content(Object value, String where) {
    if (value instanceof String text) {
      return text;
    }
    if (!(value instanceof JsonArray parts) || parts.isEmpty()) {
      throw invalid(where, "is required: a string or a non-empty array of text parts");
    }
    List<String> texts = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      String partWhere = where + "[" + i + "]";
      if (!(parts.getValue(i) instanceof JsonObject part)) {
        throw invalid(
            partWhere, "must be an object such as {\"type\": \"text\", \"text\": \"...\"}");
      }
      Object type = part.getValue("type");
      if (!"text".equals(type)) {
        throw new Problem(
            400,
            "unsupported_content",
            partWhere
                + " is a '"
                + type
                + "' part: only text parts are supported (the models here read text only).");
      }
      if (!(part.getValue("text") instanceof String text) || part.size() != 2) {
        throw invalid(partWhere, "must be exactly {\"type\": \"text\", \"text\": \"...\"}");
      }
      texts.add(text);
    }
    return String.join("\n", texts);
  }

  private static Problem invalid(String where, String rule) {
    return Problem.badRequest("invalid_field", "Field '" + where + "' " + rule + ".");
  }

  private static Problem unsupported(String where, String why) {
    return Problem.badRequest(
        "unsupported_parameter", "Field '" + where + "' is not supported: " + why + ".");
  }
}
