package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.safety.TermMatch;
import dev.atrium.plugin.api.safety.TextSafety;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The host's text safety as this plugin uses it: banned terms of the brand voice checked in every
 * output, personal data found and redacted. The plugin requires SDK 1.5.0, so every host it loads
 * on offers text safety.
 */
final class Moderation {
  private final TextSafety safety;

  Moderation(PluginContext context) {
    this.safety = requireNonNull(context, "context is null").textSafety();
  }

  /** What the check of one text found. */
  enum Status {
    CLEAN,
    FLAGGED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The check's outcome: the status and the banned terms found, with their offsets. */
  record Verdict(Status status, List<TermMatch> matches) {
    Verdict {
      matches = List.copyOf(matches);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("status", status.wire())
          .put(
              "bannedTerms",
              new JsonArray(
                  matches.stream()
                      .map(
                          m ->
                              (Object)
                                  new JsonObject()
                                      .put("term", m.term())
                                      .put("start", m.start())
                                      .put("end", m.end())
                                      .put("fromTenantList", m.fromTenantList()))
                      .toList()));
    }
  }

  /** The host's text safety, for redaction. */
  TextSafety safety() {
    return safety;
  }

  /** Checks {@code text} against the voice's banned terms (and the default lexicon if chosen). */
  Verdict check(String text, BrandVoice voice, boolean useDefaultLexicon) {
    if ((voice.banned().isEmpty() && !useDefaultLexicon) || text.isEmpty()) {
      return new Verdict(Status.CLEAN, List.of());
    }
    List<TermMatch> matches = safety.findBannedTerms(text, voice.terms(useDefaultLexicon));
    return new Verdict(matches.isEmpty() ? Status.CLEAN : Status.FLAGGED, matches);
  }
}
