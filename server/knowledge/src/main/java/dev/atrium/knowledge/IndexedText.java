package dev.atrium.knowledge;

import dev.atrium.ingestion.Chunk;
import dev.atrium.ingestion.Chunker;
import dev.atrium.ingestion.FaqEntry;
import dev.atrium.ingestion.ParsedDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing to embed and index: a chunk of prose (embedded with its heading path) or an FAQ entry
 * (embedded by its question, so paraphrased questions find it; its answer is the hit's text).
 */
record IndexedText(String id, String embedText, Map<String, String> metadata) {

  static List<IndexedText> of(
      String documentId, String generation, ParsedDocument parsed, Chunker chunker) {
    List<IndexedText> texts = new ArrayList<>();
    for (Chunk chunk : chunker.chunk(parsed.sections())) {
      Map<String, String> metadata = base(documentId, generation, parsed.title());
      metadata.put("headings", String.join(KnowledgeRecords.HEADING_SEPARATOR, chunk.headings()));
      metadata.put("text", chunk.text());
      texts.add(
          new IndexedText(
              id(documentId, generation, texts.size()), chunk.contextualText(), metadata));
    }
    for (FaqEntry entry : parsed.faq()) {
      Map<String, String> metadata = base(documentId, generation, parsed.title());
      metadata.put("question", entry.question());
      metadata.put("text", entry.answer());
      texts.add(
          new IndexedText(id(documentId, generation, texts.size()), entry.question(), metadata));
    }
    return List.copyOf(texts);
  }

  private static Map<String, String> base(String documentId, String generation, String title) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("documentId", documentId);
    metadata.put("generation", generation);
    metadata.put("title", title);
    return metadata;
  }

  /** Chunk ids are stable within a generation: {@code <document>:<generation prefix>:<n>}. */
  private static String id(String documentId, String generation, int n) {
    return documentId + ":" + generation.substring(0, 8) + ":" + n;
  }
}
