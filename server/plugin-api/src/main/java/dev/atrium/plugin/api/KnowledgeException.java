package dev.atrium.plugin.api;

/**
 * A document was refused. {@code code} is stable, for a problem response: {@code
 * unsupported_format}, {@code empty_document}, {@code document_too_large}, {@code malformed_pdf},
 * {@code malformed_csv}, {@code malformed_json}, {@code malformed_text}.
 */
public final class KnowledgeException extends RuntimeException {
  private final String code;

  public KnowledgeException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
