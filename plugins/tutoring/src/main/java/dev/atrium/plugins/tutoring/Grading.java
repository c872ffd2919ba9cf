package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Grades an answer of any item type; a wrongly typed answer is refused naming the field. */
final class Grading {
  static final int MAX_TEXT = 2000;

  private final FreeTextGrader freeText;
  private final TutoringSettings settings;

  Grading(FreeTextGrader freeText, TutoringSettings settings) {
    this.freeText = freeText;
    this.settings = settings;
  }

  Future<Grade> grade(Item item, Object answer) {
    return switch (item.type()) {
      case CHOICE -> {
        int chosen = choice(answer, item.options().size());
        yield Future.succeededFuture(
            Grade.exact(
                chosen == (int) item.answer(),
                new JsonObject().put("chosen", chosen).put("correct", (int) item.answer())));
      }
      case NUMERIC -> {
        if (!(answer instanceof Number number) || !Double.isFinite(number.doubleValue())) {
          throw Problem.invalid("answer", "must be a number for a numeric item");
        }
        double error = Math.abs(number.doubleValue() - item.answer());
        yield Future.succeededFuture(
            Grade.exact(
                error <= item.tolerance() + 1e-12,
                new JsonObject()
                    .put("correct", item.answer())
                    .put("tolerance", item.tolerance())
                    .put("error", error)));
      }
      case TEXT -> {
        if (!(answer instanceof String text) || StrictJson.isBlank(text)) {
          throw Problem.invalid("answer", "must be a non-empty string for a free-text item");
        }
        if (text.length() > MAX_TEXT) {
          throw Problem.invalid("answer", "must be at most " + MAX_TEXT + " characters");
        }
        yield freeText.grade(item, text.strip(), settings.passScore(), settings.reviewMargin());
      }
    };
  }

  /** A chosen option: its 0-based index or its letter. */
  private static int choice(Object answer, int options) {
    int index = -1;
    if (answer instanceof Integer || answer instanceof Long) {
      index = ((Number) answer).intValue();
    } else if (answer instanceof String letter && letter.strip().matches("(?i)[A-H]")) {
      index = letter.strip().toUpperCase(Locale.ROOT).charAt(0) - 'A';
    }
    if (index < 0 || index >= options) {
      throw Problem.invalid(
          "answer", "must be an option's index from 0 to " + (options - 1) + " or its letter");
    }
    return index;
  }
}
