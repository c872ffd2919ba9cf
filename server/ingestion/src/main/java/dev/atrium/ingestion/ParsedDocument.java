package dev.atrium.ingestion;

import java.util.List;

/**
 * A document read into sections (prose) and FAQ entries (question-answer files); one of the two
 * lists is empty. {@code characters} counts the text kept, for metering ingestion.
 */
public record ParsedDocument(
    String title, DocumentFormat format, List<Section> sections, List<FaqEntry> faq) {

  public ParsedDocument {
    sections = List.copyOf(sections);
    faq = List.copyOf(faq);
  }

  public long characters() {
    long prose = sections.stream().mapToLong(s -> s.text().length()).sum();
    long pairs = faq.stream().mapToLong(e -> e.question().length() + e.answer().length()).sum();
    return prose + pairs;
  }
}
