package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.failure;
import static dev.atrium.inference.TestPools.fakePool;
import static dev.atrium.inference.TestPools.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceCancelledException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class DeadlineTest {

  @Test
  void expiredAndCancelledJobsAreNeverComputed() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    JsonObject keys = new JsonObject().put("batch_size", 1).put("max_workers", 1);
    try (InferencePool pool =
        fakePool(engine, keys, new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      engine.hold();
      Future<EmbeddingResult> blocker = pool.embed(request("a", "blocker"));
      TestPools.eventually(
          Duration.ofSeconds(5), () -> pool.snapshot().getFirst().queuedJobs() == 0);
      Future<EmbeddingResult> late = pool.embed(request("a", "late", Instant.now().plusMillis(50)));
      Promise<Void> cancel = Promise.promise();
      Future<EmbeddingResult> cancelled = pool.submit(request("b", "cancelled"), cancel.future());
      Future<EmbeddingResult> fine = pool.embed(request("c", "fine"));
      Thread.sleep(100);
      cancel.complete();
      engine.release();

      assertThat(await(blocker).vectors()).hasSize(1);
      assertThat(await(fine).vectors()).hasSize(1);
      assertThat(failure(late)).isInstanceOf(DeadlineExceededException.class);
      assertThat(failure(cancelled)).isInstanceOf(InferenceCancelledException.class);
      assertThat(engine.computedTexts()).containsExactly("blocker", "fine");
      assertThat(pool.snapshot().getFirst().inFlight()).isZero();
    }
  }

  @Test
  void aDeadlineAlreadyPastIsRejectedAtOnce() throws Exception {
    FakeEmbeddingEngine engine = new FakeEmbeddingEngine();
    try (InferencePool pool =
        fakePool(engine, new JsonObject(), new SimpleMeterRegistry(), TenantWeights.EQUAL)) {
      Throwable error = failure(pool.embed(request("a", "x", Instant.now().minusMillis(1))));
      assertThat(error).isInstanceOf(DeadlineExceededException.class);
      assertThat(engine.computedTexts()).isEmpty();
    }
  }
}
