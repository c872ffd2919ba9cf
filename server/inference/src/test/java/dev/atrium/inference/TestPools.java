package dev.atrium.inference;

import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Builds pools on the fake engine and waits for futures, for the pool tests (and the tabular ones).
 */
public final class TestPools {

  static final String MODEL = "fake-model";

  private TestPools() {}

  /**
   * A pool serving one fake model with the given pool keys; without express workers unless the keys
   * ask for them, so that tests of the fair queue and batching see exactly the workers they set.
   */
  static InferencePool fakePool(
      FakeEmbeddingEngine engine,
      JsonObject poolKeys,
      MeterRegistry registry,
      TenantWeights weights) {
    JsonObject model =
        poolKeys
            .copy()
            .put("engine", FakeEmbeddingEngine.ENGINE)
            .put("artifact", "classpath:none")
            .put("dimensions", 2);
    if (!model.containsKey("express_workers")) {
      model.put("express_workers", 0);
    }
    JsonObject section =
        new JsonObject()
            .put("bundled_models", false)
            .put("drain_timeout", 10)
            .put("models", new JsonObject().put(MODEL, model));
    return InferencePool.builder(CatalogConfig.parse(section, 2))
        .embeddingEngine(FakeEmbeddingEngine.ENGINE, engine)
        .meterRegistry(registry)
        .tenantWeights(weights)
        .build();
  }

  static EmbeddingRequest request(String tenant, String text) {
    return request(tenant, text, Instant.now().plusSeconds(30));
  }

  static EmbeddingRequest request(String tenant, String text, Instant deadline) {
    return new EmbeddingRequest(
        tenant, Optional.of(MODEL), List.of(text), Priority.NORMAL, deadline);
  }

  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  public static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected the future to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes. */
  static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
