package dev.atrium.plugin.runtime.safety;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.safety.PiiType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of a PII evaluation set: a text, its language and the personal data it holds (none for a
 * look-alike). The file is JSON Lines: {@code
 * {"lang":"zh","text":"...","entities":[{"type":"PHONE", "text":"13812345678"}]}}.
 */
public record PiiSample(String text, String lang, List<Expected> entities) {
  public PiiSample {
    requireNonNull(text, "text is null");
    requireNonNull(lang, "lang is null");
    entities = List.copyOf(entities);
  }

  /** A piece of personal data the text holds. */
  public record Expected(PiiType type, String text) {}

  /** Whether the text holds no personal data. */
  public boolean isLookAlike() {
    return entities.isEmpty();
  }

  /** The samples of a JSON Lines file (blank lines skipped). */
  public static List<PiiSample> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(line -> parse(new JsonObject(line)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PII evaluation set " + file, e);
    }
  }

  private static PiiSample parse(JsonObject line) {
    List<Expected> expected =
        line.getJsonArray("entities").stream()
            .map(JsonObject.class::cast)
            .map(e -> new Expected(PiiType.valueOf(e.getString("type")), e.getString("text")))
            .toList();
    return new PiiSample(line.getString("text"), line.getString("lang"), expected);
  }
}
