package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a generation model continues: a conversation, rendered through the model's chat template, or
 * raw text, continued as it is.
 */
public sealed interface Prompt {

  /** A conversation; the model answers as the assistant. */
  record Chat(List<ChatMessage> messages) implements Prompt {
    public Chat {
      messages = List.copyOf(requireNonNull(messages, "messages is null"));
      if (messages.isEmpty()) {
        throw new InvalidInputException("a chat prompt needs at least one message");
      }
    }
  }

  /** Raw text the model continues, with no template. */
  record Text(String text) implements Prompt {
    public Text {
      requireNonNull(text, "text is null");
      if (text.isEmpty()) {
        throw new InvalidInputException("a text prompt must not be empty");
      }
    }
  }

  static Prompt chat(List<ChatMessage> messages) {
    return new Chat(messages);
  }

  static Prompt text(String text) {
    return new Text(text);
  }
}
