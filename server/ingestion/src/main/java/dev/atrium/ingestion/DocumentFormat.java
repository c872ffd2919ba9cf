package dev.atrium.ingestion;

import java.util.Locale;
import java.util.Optional;

/** The document formats a knowledge base accepts, recognised by content type or file name. */
public enum DocumentFormat {
  TEXT("text/plain", ".txt"),
  MARKDOWN("text/markdown", ".md", ".markdown"),
  HTML("text/html", ".html", ".htm"),
  PDF("application/pdf", ".pdf"),
  /** Question-answer pairs: a CSV file with a header row holding {@code question,answer}. */
  FAQ_CSV("text/csv", ".csv"),
  /** Question-answer pairs: a JSON array of {@code {"question": ..., "answer": ...}}. */
  FAQ_JSON("application/json", ".json");

  private final String mediaType;
  private final String[] extensions;

  DocumentFormat(String mediaType, String... extensions) {
    this.mediaType = mediaType;
    this.extensions = extensions;
  }

  public boolean isFaq() {
    return this == FAQ_CSV || this == FAQ_JSON;
  }

  /**
   * The format of a document: its content type decides when it is specific, otherwise its file
   * name's extension; empty when neither is known.
   */
  public static Optional<DocumentFormat> detect(String fileName, String contentType) {
    if (contentType != null) {
      String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      for (DocumentFormat format : values()) {
        if (format.mediaType.equals(type)) {
          return Optional.of(format);
        }
      }
    }
    if (fileName != null) {
      String name = fileName.toLowerCase(Locale.ROOT);
      for (DocumentFormat format : values()) {
        for (String extension : format.extensions) {
          if (name.endsWith(extension)) {
            return Optional.of(format);
          }
        }
      }
    }
    return Optional.empty();
  }
}
