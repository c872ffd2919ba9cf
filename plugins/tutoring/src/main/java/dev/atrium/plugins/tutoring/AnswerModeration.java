package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Moderation of learners' free text through the host's text safety (SDK 1.5.0): banned terms (the
 * tenant's list and the default lexicon) flag the answer for the teacher, and personal data is
 * redacted before the answer is kept. A host without text safety leaves answers unmoderated and
 * says so ({@code moderation: "unavailable"}).
 */
final class AnswerModeration {
  /** The verdict: what to keep of the answer and what was found. */
  record Verdict(String kept, boolean flagged, JsonObject report) {}

  private final PluginContext context;

  AnswerModeration(PluginContext context) {
    this.context = context;
  }

  Verdict check(String answer, TutoringSettings settings) {
    if (!settings.moderateAnswers()) {
      return new Verdict(answer, false, new JsonObject().put("moderation", "off"));
    }
    try {
      var safety = context.textSafety();
      List<TermMatch> banned =
          safety.findBannedTerms(answer, new TermList(settings.bannedTerms(), List.of(), true));
      String kept = safety.redact(answer).text();
      return new Verdict(
          kept,
          !banned.isEmpty(),
          new JsonObject()
              .put("moderation", "checked")
              .put(
                  "bannedTerms",
                  new JsonArray(banned.stream().map(m -> (Object) m.term()).distinct().toList()))
              .put("redacted", !kept.equals(answer)));
    } catch (UnsupportedOperationException e) {
      return new Verdict(answer, false, new JsonObject().put("moderation", "unavailable"));
    }
  }
}
