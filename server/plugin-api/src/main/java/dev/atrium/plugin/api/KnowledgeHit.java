package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One search result: a chunk of a document ({@code question} and {@code answer} empty) or an FAQ
 * entry (its question matched; {@code text} is its answer). {@code score} is the cosine similarity,
 * from -1 to 1.
 */
public record KnowledgeHit(
    String documentId,
    String title,
    String chunkId,
    List<String> headings,
    String text,
    Optional<String> question,
    float score) {
  public KnowledgeHit {
    requireNonNull(documentId, "documentId is null");
    requireNonNull(title, "title is null");
    requireNonNull(chunkId, "chunkId is null");
    headings = List.copyOf(requireNonNull(headings, "headings is null"));
    requireNonNull(text, "text is null");
    requireNonNull(question, "question is null");
  }

  public boolean isFaq() {
    return question.isPresent();
  }
}
