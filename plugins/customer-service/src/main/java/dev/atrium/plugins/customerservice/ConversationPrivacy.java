package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.safety.TextSafety;
import io.vertx.core.json.JsonObject;

/**
 * What customer service keeps of a conversation: with the tenant's {@code redactPersonalData} on,
 * the question, the answer (which may quote the question) and feedback comments are stored with
 * personal data replaced by placeholders ({@code [PHONE]}, {@code [EMAIL]}, ...) by the host's
 * {@link TextSafety}. The customer's live answer is never redacted; only the stored record is.
 */
final class ConversationPrivacy {
  private static final String[] TURN_TEXTS = {"question", "answer"};

  private final TextSafety safety;
  private final boolean redact;

  ConversationPrivacy(TextSafety safety, CsSettings settings) {
    this.safety = safety;
    this.redact = settings.redactPersonalData();
  }

  /** The turn to store: {@code turn} itself, or a copy with its texts redacted. */
  JsonObject turn(JsonObject turn) {
    if (!redact) {
      return turn;
    }
    JsonObject stored = turn.copy();
    for (String key : TURN_TEXTS) {
      if (stored.getValue(key) instanceof String text) {
        stored.put(key, safety.redact(text).text());
      }
    }
    return stored;
  }

  /** The feedback comment to store (null stays null). */
  String comment(String comment) {
    return redact && comment != null ? safety.redact(comment).text() : comment;
  }
}
