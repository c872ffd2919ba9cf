package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.failure;
import static dev.atrium.inference.TestPools.fakePool;
import static dev.atrium.inference.TestPools.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.PoolFullException;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.TenantOverShareException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AdmissionTest {

  @Test
  void fullQueueAndOverShareTenantsAreTurnedAwayWithRetryAfter() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JsonObject keys = new JsonObject().put("job_queue_size", 4).put("max_workers", 1);
    try (InferencePool pool = fakePool(engine, keys, registry, TenantWeights.EQUAL)) {
      engine.hold();
      List<Future<EmbeddingResult>> admitted = new ArrayList<>();
      // Alone, tenant a may take the whole queue...
      for (int i = 0; i < 3; i++) {
        admitted.add(pool.embed(request("a", "a" + i)));
      }
      // ...but once b shows up, each may hold floor(4 * 1/2) = 2: b is admitted, a is not.
      admitted.add(pool.embed(request("b", "b0")));
      Throwable overShare = failure(pool.embed(request("a", "a3")));
      assertThat(overShare).isInstanceOf(TenantOverShareException.class);
      TenantOverShareException tooMuch = (TenantOverShareException) overShare;
      assertThat(tooMuch.tenantId()).isEqualTo("a");
      assertThat(tooMuch.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

      // b is within its share, but all 4 permits are taken.
      Throwable full = failure(pool.embed(request("b", "b1")));
      assertThat(full).isInstanceOf(PoolFullException.class);
      assertThat(((PoolFullException) full).retryAfter())
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(((PoolFullException) full).modelId()).isEqualTo(TestPools.MODEL);

      engine.release();
      for (Future<EmbeddingResult> future : admitted) {
        await(future);
      }
      assertThat(pool.snapshot().getFirst().inFlight()).isZero();
      assertThat(await(pool.embed(request("a", "again"))).vectors()).hasSize(1);
      assertThat(
              registry
                  .get("atrium.inference.rejections")
                  .tag("reason", "tenant_over_share")
                  .tag("tenant", "a")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("atrium.inference.rejections")
                  .tag("reason", "pool_full")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void badRequestsFailWithTypedErrors() throws Exception {
    try (InferencePool pool =
        fakePool(
            new FakeEmbeddingEngine(),
            new JsonObject(),
            new SimpleMeterRegistry(),
            TenantWeights.EQUAL)) {
      assertThat(failure(pool.embed(request("a", "x").withModel("nope"))))
          .isInstanceOf(ModelNotFoundException.class);
      assertThat(
              failure(
                  pool.embed(
                      new EmbeddingRequest(
                          "a",
                          Optional.of(TestPools.MODEL),
                          List.of(),
                          Priority.NORMAL,
                          Instant.now().plusSeconds(1)))))
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
