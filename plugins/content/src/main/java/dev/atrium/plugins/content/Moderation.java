package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.safety.TermMatch;
import dev.atrium.plugin.api.safety.TextSafety;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host's text safety as this plugin uses it: banned terms of the brand voice checked in every
 * output, personal data found and redacted. A host without text safety (SDK below 1.5.0) leaves
 * outputs {@code unchecked}, never {@code clean}, and refuses redaction with 503.
 */
final class Moderation {
  private final PluginContext context;

  Moderation(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  /** What the check of one text found. */
  enum Status {
    CLEAN,
    FLAGGED,
    UNCHECKED;

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

  Optional<TextSafety> safety() {
    try {
      return Optional.of(context.textSafety());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The host's text safety, or 503 {@code text_safety_unavailable}. */
  TextSafety required() {
    return safety()
        .orElseThrow(
            () ->
                new ContentProblem(
                    503,
                    "text_safety_unavailable",
                    "This server offers no text safety service (it needs SDK 1.5.0), so personal"
                        + " data cannot be redacted and banned terms cannot be checked."));
  }

  /** Checks {@code text} against the voice's banned terms (and the default lexicon if chosen). */
  Verdict check(String text, BrandVoice voice, boolean useDefaultLexicon) {
    boolean nothingToCheck = voice.banned().isEmpty() && !useDefaultLexicon;
    Optional<TextSafety> safety = safety();
    if (safety.isEmpty()) {
      return new Verdict(nothingToCheck ? Status.CLEAN : Status.UNCHECKED, List.of());
    }
    if (nothingToCheck || text.isEmpty()) {
      return new Verdict(Status.CLEAN, List.of());
    }
    List<TermMatch> matches = safety.get().findBannedTerms(text, voice.terms(useDefaultLexicon));
    return new Verdict(matches.isEmpty() ? Status.CLEAN : Status.FLAGGED, matches);
  }
}
