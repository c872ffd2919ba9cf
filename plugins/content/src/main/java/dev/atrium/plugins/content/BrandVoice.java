package dev.atrium.plugins.content;

import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.safety.TermList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's brand voice: style notes, a glossary of preferred terms, banned words and phrases
 * (English and Chinese), a reading level and length targets. It goes into every prompt, and its
 * banned terms are checked in every output after generation.
 *
 * @param glossary preferred terms, each with the terms it replaces
 * @param banned words and phrases never to publish
 * @param allowed terms of the host's default lexicon this tenant accepts
 * @param readingLevel simple, standard or advanced
 * @param minWords the shortest output wanted, in words (0: none)
 * @param maxWords the longest output wanted, in words (0: none)
 */
record BrandVoice(
    String styleNotes,
    List<GlossaryEntry> glossary,
    List<String> banned,
    List<String> allowed,
    String readingLevel,
    int minWords,
    int maxWords) {

  static final String COLLECTION = "voice";
  static final String ID = "default";
  static final BrandVoice NONE =
      new BrandVoice("", List.of(), List.of(), List.of(), "standard", 0, 0);
  static final Set<String> FIELDS =
      Set.of("styleNotes", "glossary", "bannedWords", "allowedWords", "readingLevel", "length");
  private static final Set<String> LEVELS = Set.of("simple", "standard", "advanced");

  /** A preferred term and the terms it replaces. */
  record GlossaryEntry(String preferred, List<String> insteadOf) {
    GlossaryEntry {
      insteadOf = List.copyOf(insteadOf);
    }
  }

  BrandVoice {
    glossary = List.copyOf(glossary);
    banned = List.copyOf(banned);
    allowed = List.copyOf(allowed);
  }

  static BrandVoice read(JsonObject json) {
    JsonFields fields = JsonFields.of(json, FIELDS);
    String level = fields.text("readingLevel", 20, "standard").toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw ContentProblem.badField("readingLevel", "must be one of " + LEVELS);
    }
    JsonFields length = JsonFields.of(fields.object("length"), Set.of("minWords", "maxWords"));
    int min = length.integer("minWords", 0, 5000, 0);
    int max = length.integer("maxWords", 0, 5000, 0);
    if (max > 0 && min > max) {
      throw ContentProblem.badField("length.minWords", "must not be above length.maxWords");
    }
    List<GlossaryEntry> glossary = new ArrayList<>();
    JsonArray entries = fields.array("glossary", 100);
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.getValue(i) instanceof JsonObject entry)) {
        throw ContentProblem.badField("glossary[" + i + "]", "must be an object");
      }
      JsonFields e = JsonFields.of(entry, Set.of("preferred", "insteadOf"));
      glossary.add(
          new GlossaryEntry(e.text("preferred", 100).strip(), e.texts("insteadOf", 10, 100)));
    }
    return new BrandVoice(
        fields.text("styleNotes", 1000, "").strip(),
        glossary,
        fields.texts("bannedWords", 500, 100),
        fields.texts("allowedWords", 500, 100),
        level,
        min,
        max);
  }

  static BrandVoice load(DocumentStore documents) {
    return Await.result(documents.get(COLLECTION, ID)).map(d -> read(d.data())).orElse(NONE);
  }

  void save(DocumentStore documents) {
    Await.result(documents.put(COLLECTION, ID, toJson()));
  }

  /** The terms {@code TextSafety} checks outputs against. */
  TermList terms(boolean useDefaultLexicon) {
    return new TermList(banned, allowed, useDefaultLexicon);
  }

  JsonObject toJson() {
    JsonObject length = new JsonObject();
    if (minWords > 0) {
      length.put("minWords", minWords);
    }
    if (maxWords > 0) {
      length.put("maxWords", maxWords);
    }
    return new JsonObject()
        .put("styleNotes", styleNotes)
        .put(
            "glossary",
            new JsonArray(
                glossary.stream()
                    .map(
                        g ->
                            (Object)
                                new JsonObject()
                                    .put("preferred", g.preferred())
                                    .put("insteadOf", new JsonArray(g.insteadOf())))
                    .toList()))
        .put("bannedWords", new JsonArray(banned))
        .put("allowedWords", new JsonArray(allowed))
        .put("readingLevel", readingLevel)
        .put("length", length);
  }
}
