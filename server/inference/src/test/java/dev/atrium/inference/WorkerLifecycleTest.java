package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.eventually;
import static dev.atrium.inference.TestPools.failure;
import static dev.atrium.inference.TestPools.fakePool;
import static dev.atrium.inference.TestPools.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WorkerLifecycleTest {

  @Test
  void aCrashedWorkerIsReplacedAndThePoolKeepsServing() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JsonObject keys = new JsonObject().put("min_workers", 1).put("max_workers", 1);
    try (InferencePool pool = fakePool(engine, keys, registry, TenantWeights.EQUAL)) {
      await(pool.embed(request("a", "before the crash")));
      int runnersBefore = engine.runnersCreated();

      Throwable crash = failure(pool.embed(request("a", FakeEmbeddingEngine.CRASH)));
      assertThat(crash)
          .isInstanceOf(InferenceFailedException.class)
          .hasRootCauseMessage("fake model crashed");

      assertThat(await(pool.embed(request("a", "after the crash"))).vectors()).hasSize(1);
      assertThat(engine.runnersCreated()).isEqualTo(runnersBefore + 1);
      assertThat(registry.get("atrium.inference.worker.restarts").counter().count()).isEqualTo(1);
      assertThat(pool.snapshot().getFirst().workers()).isEqualTo(1);
    }
  }

  @Test
  void workersScaleUpUnderLoadAndRetireWhenIdle() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    engine.delay(Duration.ofMillis(30));
    JsonObject keys =
        new JsonObject()
            .put("batch_size", 2)
            .put("max_batch_delay", 0)
            .put("min_workers", 1)
            .put("max_workers", 3)
            .put("max_idle_time", 0.3);
    try (InferencePool pool =
        fakePool(engine, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      assertThat(pool.snapshot().getFirst().workers()).isEqualTo(1);
      List<Future<EmbeddingResult>> futures = new ArrayList<>();
      int peak = 0;
      for (int i = 0; i < 60; i++) {
        futures.add(pool.embed(request("t", "job " + i)));
        peak = Math.max(peak, pool.snapshot().getFirst().workers());
      }
      for (Future<EmbeddingResult> future : futures) {
        await(future);
      }
      assertThat(peak).isEqualTo(3);
      assertThat(eventually(Duration.ofSeconds(5), () -> pool.snapshot().getFirst().workers() == 1))
          .as("idle workers above min_workers retire")
          .isTrue();
    }
  }

  @Test
  void closeFinishesQueuedJobsThenRejects() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    engine.delay(Duration.ofMillis(10));
    JsonObject keys = new JsonObject().put("batch_size", 2).put("max_workers", 1);
    InferencePool pool = fakePool(engine, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL);
    List<Future<EmbeddingResult>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(pool.embed(request("t" + (i % 3), "job " + i)));
    }
    pool.close();

    for (Future<EmbeddingResult> future : futures) {
      assertThat(future.succeeded()).isTrue();
    }
    assertThat(engine.computedTexts()).hasSize(20);
    assertThat(failure(pool.embed(request("t", "too late"))))
        .isInstanceOf(PoolShutdownException.class);
  }
}
