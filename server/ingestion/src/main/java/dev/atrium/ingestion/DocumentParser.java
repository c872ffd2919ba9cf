package dev.atrium.ingestion;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * Reads an uploaded document into sections or FAQ entries. Refuses, with a stable code, what it
 * cannot read: an unknown format, an empty or oversized file, text that is not UTF-8, a broken PDF,
 * malformed CSV or JSON. Text is NFC-normalised.
 */
public final class DocumentParser {
  private final long maxBytes;

  public DocumentParser(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public ParsedDocument parse(byte[] content, String fileName, String contentType)
      throws IngestionException {
    DocumentFormat format =
        DocumentFormat.detect(fileName, contentType)
            .orElseThrow(
                () ->
                    new IngestionException(
                        "unsupported_format",
                        "Unsupported document type: send text, Markdown, HTML, PDF, or an FAQ as CSV or JSON."));
    if (content.length == 0) {
      throw new IngestionException("empty_document", "The document is empty.");
    }
    if (content.length > maxBytes) {
      throw new IngestionException(
          "document_too_large",
          "The document has " + content.length + " bytes; the limit is " + maxBytes + ".");
    }
    String fallbackTitle = fileName == null || fileName.isBlank() ? "Untitled" : fileName.strip();
    ParsedDocument parsed =
        switch (format) {
          case PDF -> {
            PdfReader.Result pdf = PdfReader.read(content);
            yield prose(pdf.title(), fallbackTitle, format, pdf.sections());
          }
          case TEXT -> prose(null, fallbackTitle, format, plain(text(content)));
          case MARKDOWN -> {
            String markdown = text(content);
            yield prose(
                MarkdownReader.title(markdown),
                fallbackTitle,
                format,
                MarkdownReader.read(markdown));
          }
          case HTML -> {
            var document = HtmlReader.parse(text(content));
            yield prose(
                HtmlReader.title(document), fallbackTitle, format, HtmlReader.read(document));
          }
          case FAQ_CSV ->
              new ParsedDocument(fallbackTitle, format, List.of(), FaqReader.csv(text(content)));
          case FAQ_JSON ->
              new ParsedDocument(fallbackTitle, format, List.of(), FaqReader.json(text(content)));
        };
    if (parsed.characters() == 0) {
      throw new IngestionException("empty_document", "The document holds no text.");
    }
    return parsed;
  }

  private static ParsedDocument prose(
      String title, String fallback, DocumentFormat format, List<Section> sections) {
    return new ParsedDocument(title == null ? fallback : title, format, sections, List.of());
  }

  private static List<Section> plain(String text) {
    SectionCollector sections = new SectionCollector();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        sections.paragraphBreak();
      } else {
        sections.text(line);
      }
    }
    return sections.finish();
  }

  /** Strict UTF-8 (a byte-order mark is dropped), NFC-normalised, with Unix line ends. */
  private static String text(byte[] content) throws IngestionException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return Normalizer.normalize(
          text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
    } catch (CharacterCodingException e) {
      throw new IngestionException("malformed_text", "The document is not valid UTF-8 text.", e);
    }
  }
}
