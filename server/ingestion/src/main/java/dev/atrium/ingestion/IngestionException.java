package dev.atrium.ingestion;

/**
 * A document cannot be ingested. {@code code} is stable (for API problems): {@code
 * unsupported_format}, {@code empty_document}, {@code document_too_large}, {@code malformed_pdf},
 * {@code malformed_csv}, {@code malformed_json}, {@code malformed_text}.
 */
public final class IngestionException extends Exception {
  private final String code;

  public IngestionException(String code, String message) {
    super(message);
    this.code = code;
  }

  public IngestionException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
