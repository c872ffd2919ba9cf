package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.UsageMeter;
import dev.atrium.plugin.api.VectorFilter;
import dev.atrium.plugin.api.VectorMatch;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embeddings of one tenant's drafts (their latest version), one vector index per language
 * ({@code drafts-en}, {@code drafts-zh}: the two embedding models differ in size), for
 * near-duplicate detection. Embedding tokens are metered on {@code embedding_tokens}.
 */
final class DraftIndex {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TenantServices tenant;
  private final InferenceClient inference;
  private final UsageMeter usage;

  DraftIndex(TenantServices tenant, InferenceClient inference, UsageMeter usage) {
    this.tenant = requireNonNull(tenant, "tenant is null");
    this.inference = requireNonNull(inference, "inference is null");
    this.usage = requireNonNull(usage, "usage is null");
  }

  Future<Void> index(String draftId, String text) {
    return embed(text, "index:" + draftId + ":" + UUID.randomUUID())
        .compose(
            vector ->
                tenant
                    .vectors(collection(text))
                    .upsert(draftId, vector, Map.of("draftId", draftId)));
  }

  /** The drafts nearest to {@code text}, most similar first, as cosine similarities. */
  Future<List<VectorMatch>> nearest(String text, int k) {
    return embed(text, "search:" + UUID.randomUUID())
        .compose(vector -> tenant.vectors(collection(text)).search(vector, k, VectorFilter.none()));
  }

  private Future<float[]> embed(String text, String key) {
    return inference
        .embed(EmbeddingRequest.of(tenant.tenantId(), List.of(text), TIMEOUT))
        .compose(
            (EmbeddingResult result) ->
                usage
                    .record(tenant.tenantId(), "embedding_tokens", result.usage().tokens(), key)
                    .map(v -> result.vectors().get(0)));
  }

  private static String collection(String text) {
    return "drafts-" + (TextLanguage.isChinese(text) ? "zh" : "en");
  }
}
