package dev.atrium.knowledge;

import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.VectorEntry;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceCancelledException;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TextLanguage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds a document's texts through the shared pool in batches, Chinese and other texts separately
 * so each goes to the model for its language, reporting progress as it goes. Runs on a job thread,
 * so it may wait for each batch.
 */
final class ChunkEmbedder {
  private static final int BATCH = 32;

  record Result(Map<String, List<VectorEntry>> entriesByModel, long tokens) {}

  private final InferenceClient inference;
  private final String tenantId;
  private final Duration timeout;

  ChunkEmbedder(InferenceClient inference, String tenantId, Duration timeout) {
    this.inference = inference;
    this.tenantId = tenantId;
    this.timeout = timeout;
  }

  Result embed(List<IndexedText> texts, JobProgress progress) {
    List<IndexedText> chinese =
        texts.stream().filter(t -> TextLanguage.isChinese(t.embedText())).toList();
    List<IndexedText> other =
        texts.stream().filter(t -> !TextLanguage.isChinese(t.embedText())).toList();
    Map<String, List<VectorEntry>> byModel = new LinkedHashMap<>();
    long tokens = 0;
    int done = 0;
    for (List<IndexedText> group : List.of(chinese, other)) {
      for (int start = 0; start < group.size(); start += BATCH) {
        if (progress.cancelled()) {
          throw new InferenceCancelledException("ingestion cancelled");
        }
        List<IndexedText> batch = group.subList(start, Math.min(group.size(), start + BATCH));
        EmbeddingResult result =
            inference
                .embed(
                    EmbeddingRequest.of(
                        tenantId, batch.stream().map(IndexedText::embedText).toList(), timeout))
                .await();
        List<VectorEntry> entries =
            byModel.computeIfAbsent(result.modelId(), m -> new ArrayList<>());
        for (int i = 0; i < batch.size(); i++) {
          entries.add(
              new VectorEntry(batch.get(i).id(), result.vectors().get(i), batch.get(i).metadata()));
        }
        tokens += result.usage().tokens();
        done += batch.size();
        progress.update(
            0.05 + 0.9 * done / texts.size(),
            "embedded " + done + " of " + texts.size() + " chunks");
      }
    }
    return new Result(byModel, tokens);
  }
}
