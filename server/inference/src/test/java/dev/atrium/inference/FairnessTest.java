package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.eventually;
import static dev.atrium.inference.TestPools.fakePool;
import static dev.atrium.inference.TestPools.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.EmbeddingResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FairnessTest {

  @Test
  void aFloodingTenantDoesNotStarveAnother() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    JsonObject keys =
        new JsonObject()
            .put("batch_size", 4)
            .put("max_batch_delay", 0)
            .put("max_workers", 1)
            .put("job_queue_size", 1000);
    try (InferencePool pool =
        fakePool(engine, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      engine.hold();
      List<Future<EmbeddingResult>> flood = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        flood.add(pool.embed(request("a", "a" + i)));
      }
      Future<EmbeddingResult> b = pool.embed(request("b", "b0"));
      assertThat(pool.snapshot().getFirst().queuedJobsByTenant()).containsEntry("b", 1);
      engine.release();

      await(b);
      for (Future<EmbeddingResult> future : flood) {
        await(future);
      }
      List<List<String>> batches = engine.batches();
      int batchOfB = indexOfBatchContaining(batches, "b0");
      // The first batch formed before b arrived; b must ride in the very next one.
      assertThat(batchOfB).isBetween(0, 2);
      // Within tenant a, first come first served.
      List<String> aOrder = engine.computedTexts().stream().filter(t -> t.startsWith("a")).toList();
      assertThat(aOrder).isEqualTo(expectedA());
    }
  }

  @Test
  void anExpressWorkerServesALightTenantWithoutWaitingForTheFloodsBatch() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    JsonObject keys =
        new JsonObject()
            .put("batch_size", 4)
            .put("max_batch_delay", 0)
            .put("min_workers", 1)
            .put("max_workers", 1)
            .put("express_workers", 1)
            .put("job_queue_size", 1000);
    try (InferencePool pool =
        fakePool(engine, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      engine.hold();
      List<Future<EmbeddingResult>> flood = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        flood.add(pool.embed(request("a", "a" + i)));
      }
      // The regular worker holds a's first batch (1 to 4 jobs, as they arrived); a, having a batch
      // running, gets no express one.
      assertThat(eventually(Duration.ofSeconds(5), () -> queued(pool, "a") < 100)).isTrue();
      Thread.sleep(50);
      int waiting = queued(pool, "a");
      assertThat(waiting).isBetween(96, 99);
      Thread.sleep(50);
      assertThat(queued(pool, "a")).isEqualTo(waiting);

      Future<EmbeddingResult> b = pool.embed(request("b", "b0"));
      assertThat(eventually(Duration.ofSeconds(5), () -> queued(pool, "b") == 0))
          .as("b's job was taken while a's batch still runs")
          .isTrue();
      assertThat(queued(pool, "a")).isEqualTo(waiting);
      engine.release();

      await(b);
      for (Future<EmbeddingResult> future : flood) {
        await(future);
      }
      // Judged by arrival at the model, not completion: once the gate opens, which of the two
      // held batches finishes first is up to the OS scheduler.
      List<List<String>> started = engine.started();
      assertThat(started.get(indexOfBatchContaining(started, "b0"))).containsExactly("b0");
      assertThat(indexOfBatchContaining(started, "b0")).isEqualTo(1);
    }
  }

  private static int queued(InferencePool pool, String tenant) {
    return pool.snapshot().getFirst().queuedJobsByTenant().getOrDefault(tenant, 0);
  }

  @Test
  void weightsSplitTheModelInProportion() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    JsonObject keys =
        new JsonObject().put("batch_size", 1).put("max_batch_delay", 0).put("max_workers", 1);
    TenantWeights weights = Map.of("gold", 3.0, "free", 1.0)::get;
    try (InferencePool pool = fakePool(engine, keys, new SimpleMeterRegistry(), weights)) {
      engine.hold();
      List<Future<EmbeddingResult>> all = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        all.add(pool.embed(request("free", "free" + i)));
        all.add(pool.embed(request("gold", "gold" + i)));
      }
      engine.release();
      for (Future<EmbeddingResult> future : all) {
        await(future);
      }
      // In the first 80 served jobs (both tenants still backlogged), gold gets about 3 in 4.
      List<String> first80 = engine.computedTexts().subList(1, 81);
      long gold = first80.stream().filter(t -> t.startsWith("gold")).count();
      assertThat(gold).isBetween(56L, 64L);
    }
  }

  private static List<String> expectedA() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add("a" + i);
    }
    return expected;
  }

  private static int indexOfBatchContaining(List<List<String>> batches, String text) {
    for (int i = 0; i < batches.size(); i++) {
      if (batches.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError(text + " was never computed");
  }
}
