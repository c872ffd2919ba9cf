package dev.atrium.knowledge;

/** Limits of ingestion: the largest document accepted, the largest chunk embedded. */
public record KnowledgeLimits(long maxDocumentBytes, int maxChunkTokens) {
  /** 20 MB documents; chunks of at most 200 tokens, inside both bundled models' windows. */
  public static final KnowledgeLimits DEFAULTS = new KnowledgeLimits(20L * 1024 * 1024, 200);
}
