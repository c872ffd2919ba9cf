package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.fakePool;
import static dev.atrium.inference.TestPools.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.EmbeddingResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class BatchingTest {

  @Test
  void concurrentRequestsShareModelCalls() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    engine.delay(Duration.ofMillis(20));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JsonObject keys =
        new JsonObject().put("batch_size", 8).put("max_batch_delay", 10).put("max_workers", 1);
    try (InferencePool pool = fakePool(engine, keys, registry, TenantWeights.EQUAL)) {
      List<Future<EmbeddingResult>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.embed(request("t" + (i % 4), "text number " + i)));
      }
      for (Future<EmbeddingResult> future : futures) {
        EmbeddingResult result = await(future);
        assertThat(result.vectors()).hasSize(1);
        assertThat(result.usage().items()).isEqualTo(1);
        assertThat(result.usage().tokens()).isEqualTo(3);
        assertThat(result.usage().device()).isEqualTo("cpu");
        assertThat(result.usage().computeMillis()).isPositive();
      }
      List<List<String>> batches = engine.batches();
      assertThat(batches.stream().mapToInt(List::size).max().orElseThrow()).isGreaterThan(1);
      assertThat(batches).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(8));
      assertThat(engine.computedTexts()).hasSize(40);

      PoolSnapshot snapshot = pool.snapshot().getFirst();
      assertThat(snapshot.items()).isEqualTo(40);
      assertThat(snapshot.meanBatchSize()).isGreaterThan(1);
      assertThat(snapshot.inFlight()).isZero();
      assertThat(registry.get("atrium.inference.batch.size").summary().max()).isGreaterThan(1);
      assertThat(registry.get("atrium.inference.items").counter().count()).isEqualTo(40);
    }
  }

  @Test
  void completesOnTheCallersVertxContext() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    Vertx vertx = Vertx.vertx();
    try (InferencePool pool =
        fakePool(engine, new JsonObject(), new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Boolean> onContext = new CompletableFuture<>();
      context.runOnContext(
          ignored ->
              pool.embed(request("t", "hello"))
                  .onComplete(ar -> onContext.complete(Vertx.currentContext() == context)));
      assertThat(onContext.get()).isTrue();
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aTenantAloneGetsWholeBatchesAndCompetingTenantsShareThem() throws Exception {
    JsonObject keys =
        new JsonObject().put("batch_size", 8).put("max_batch_delay", 50).put("max_workers", 1);
    FakeEmbeddingEngine alone = new FakeEmbeddingEngine();
    alone.delay(Duration.ofMillis(20));
    try (InferencePool pool =
        fakePool(alone, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      awaitAll(pool, List.of("solo"));
    }
    assertThat(alone.batches().stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(8);

    FakeEmbeddingEngine shared = new FakeEmbeddingEngine();
    shared.delay(Duration.ofMillis(20));
    try (InferencePool pool =
        fakePool(shared, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      awaitAll(pool, List.of("heavy", "light"));
    }
    // Two active tenants: a batch holds at most half of batch_size, so the light tenant's job
    // never waits behind a full batch of the heavy one's.
    assertThat(shared.batches()).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
    assertThat(shared.batches().stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(4);
  }

  /** Submits 40 one-text requests per tenant, interleaved, and waits for all of them. */
  private static void awaitAll(InferencePool pool, List<String> tenants) throws Exception {
    List<Future<EmbeddingResult>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (String tenant : tenants) {
        futures.add(pool.embed(request(tenant, tenant + " text " + i)));
      }
    }
    for (Future<EmbeddingResult> future : futures) {
      await(future);
    }
  }
}
