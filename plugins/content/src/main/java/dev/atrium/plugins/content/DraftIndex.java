package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.VectorEntry;
import dev.atrium.plugin.api.VectorFilter;
import dev.atrium.plugin.api.VectorMatch;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The embeddings of one tenant's drafts (their latest version), one vector index per language
 * ({@code drafts-en}, {@code drafts-zh}: the two embedding models differ in size), for
 * near-duplicate detection. Its embedding tokens go to {@link TokenMeters} (the plugin's {@code
 * embedding_tokens} in a batch job).
 */
final class DraftIndex {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TenantServices tenant;
  private final InferenceClient inference;
  private final TokenMeters tokens;

  DraftIndex(TenantServices tenant, InferenceClient inference, TokenMeters tokens) {
    this.tenant = requireNonNull(tenant, "tenant is null");
    this.inference = requireNonNull(inference, "inference is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
  }

  /** Embeds the drafts' texts (per language, one request each) and adds them to the index. */
  Future<Void> index(Map<String, String> texts) {
    Map<Boolean, List<Map.Entry<String, String>>> byLanguage =
        texts.entrySet().stream()
            .collect(Collectors.partitioningBy(e -> TextLanguage.isChinese(e.getValue())));
    List<Future<Void>> done = new ArrayList<>();
    byLanguage.forEach(
        (chinese, entries) -> {
          if (!entries.isEmpty()) {
            done.add(indexLanguage(entries));
          }
        });
    return Future.all(done).mapEmpty();
  }

  private Future<Void> indexLanguage(List<Map.Entry<String, String>> entries) {
    List<String> inputs = entries.stream().map(Map.Entry::getValue).toList();
    return embed(inputs, "index:" + entries.get(0).getKey() + ":" + UUID.randomUUID())
        .compose(
            vectors -> {
              List<VectorEntry> batch = new ArrayList<>();
              for (int i = 0; i < entries.size(); i++) {
                String id = entries.get(i).getKey();
                batch.add(new VectorEntry(id, vectors.get(i), Map.of("draftId", id)));
              }
              return tenant.vectors(collection(inputs.get(0))).upsert(batch);
            });
  }

  /** The drafts nearest to {@code text}, most similar first, as cosine similarities. */
  Future<List<VectorMatch>> nearest(String text, int k) {
    return embed(List.of(text), "search:" + UUID.randomUUID())
        .compose(
            vectors ->
                tenant.vectors(collection(text)).search(vectors.get(0), k, VectorFilter.none()));
  }

  private Future<List<float[]>> embed(List<String> texts, String key) {
    return inference
        .embed(EmbeddingRequest.of(tenant.tenantId(), texts, TIMEOUT))
        .compose(
            (EmbeddingResult result) ->
                tokens
                    .record("embedding_tokens", result.usage().tokens(), key)
                    .map(v -> result.vectors()));
  }

  private static String collection(String text) {
    return "drafts-" + (TextLanguage.isChinese(text) ? "zh" : "en");
  }
}
