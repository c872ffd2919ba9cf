package dev.atrium.inference.tabular;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.atrium.inference.InferencePool;
import dev.atrium.inference.PoolSnapshot;
import dev.atrium.inference.bench.TabularBaseline;
import dev.atrium.inference.bench.TabularTiming;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TabularResult;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.tabular.TabularModels;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on the real credit data, served through the shared pool as a tabular pool: the
 * same scores as the booster in process, explanations that add up, batching, refusals, holds and
 * fairness between tenants.
 */
final class TabularPoolTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path models;
  private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
  private static CreditData credit;
  private static TrainedModel trained;
  private static InferencePool pool;
  private static TabularModelService service;
  private static Booster booster;

  @BeforeAll
  static void start() throws Exception {
    credit = CreditData.load();
    pool =
        InferencePool.builder(CatalogConfig.parse(new JsonObject().put("bundled_models", false), 2))
            .meterRegistry(METRICS)
            .build();
    service = new TabularModelService(new TabularModelService.Settings(1, 4, 1, models));
    trained =
        await(
            fraud()
                .train(
                    credit.training(credit.rowCount() / 5),
                    new TrainingParams(300, 20, 4, 0.1, 1.0),
                    new RecordingProgress()));
    booster = Boosters.load(trained.bytes(), 1);
  }

  @AfterAll
  static void stop() {
    if (booster != null) {
      booster.dispose();
    }
    if (service != null) {
      service.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  private static TabularModels fraud() {
    return service.forPlugin("fraud", pool.registryFor("fraud"));
  }

  @Test
  void scoresAreTheBoostersOwnAndContributionsAddUpToTheLogOdds() throws Exception {
    try (ModelRegistration registration = await(fraud().serve("fraud-credit", trained))) {
      assertThat(registration.model().task()).isEqualTo(Task.TABULAR_SCORING);
      assertThat(registration.model().owner()).isEqualTo("fraud");
      List<float[]> rows = credit.rows(0, credit.rowCount());

      TabularResult result =
          await(pool.score(TabularRequest.of("t1", "fraud-credit", rows, true, TIMEOUT)));

      float[][] expected = expected(0, credit.rowCount());
      assertThat(result.modelId()).isEqualTo("fraud-credit");
      assertThat(result.scores()).hasSize(rows.size());
      assertThat(result.usage().items()).isEqualTo(rows.size());
      assertThat(result.contributions()).hasSize(rows.size());
      for (int r = 0; r < rows.size(); r++) {
        assertThat(result.scores()[r]).isEqualTo((double) expected[r][0]);
        float[] contributions = result.contributions().get(r);
        assertThat(contributions).hasSize(credit.features() + 1);
        double logOdds = 0;
        for (float c : contributions) {
          logOdds += c;
        }
        double p = result.scores()[r];
        assertThat(logOdds).isCloseTo(Math.log(p / (1 - p)), within(1e-4));
      }

      TabularResult plain =
          await(
              pool.score(
                  TabularRequest.of("t1", "fraud-credit", rows.subList(0, 3), false, TIMEOUT)));
      assertThat(plain.contributions()).isEmpty();
      assertThat(plain.scores()).containsExactly(Arrays.copyOf(result.scores(), 3));
    }
  }

  @Test
  void concurrentSingleRowRequestsAreScoredInSharedBatches() throws Exception {
    Path file = new ModelFiles(models).store(trained.bytes());
    JsonObject keys =
        new JsonObject().put("max_batch_delay", 20).put("max_workers", 1).put("express_workers", 0);
    try (ModelRegistration ignored =
        await(
            pool.registryFor("bench")
                .register(
                    new ModelDefinition("credit-batched", Task.TABULAR_SCORING, file, keys)))) {
      int count = 400;
      List<Future<TabularResult>> futures = new ArrayList<>();
      for (int r = 0; r < count; r++) {
        futures.add(
            pool.score(
                TabularRequest.of(
                    "t" + r % 2, "credit-batched", credit.rows(r, r + 1), r % 3 == 0, TIMEOUT)));
      }
      float[][] expected = expected(0, count);
      for (int r = 0; r < count; r++) {
        TabularResult result = await(futures.get(r));
        assertThat(result.scores()).containsExactly(expected[r][0]);
        assertThat(result.contributions()).hasSize(r % 3 == 0 ? 1 : 0);
        assertThat(result.usage().items()).isEqualTo(1);
      }

      PoolSnapshot snapshot = snapshot("credit-batched");
      assertThat(snapshot.task()).isEqualTo("tabular_scoring");
      assertThat(snapshot.owner()).isEqualTo("bench");
      assertThat(snapshot.items()).isEqualTo(count);
      assertThat(snapshot.meanBatchSize()).isGreaterThan(2);
      assertThat(
              METRICS
                  .get("atrium.inference.batch.size")
                  .tag("model", "credit-batched")
                  .summary()
                  .max())
          .isGreaterThan(1);
    }
  }

  @Test
  void badRowsAreRefusedBeforeTheyAreQueued() throws Exception {
    try (ModelRegistration ignored = await(fraud().serve("fraud-refusals", trained))) {
      float[] shortRow = new float[credit.features() - 1];
      float[] infinite = credit.rows(0, 1).getFirst();
      infinite[2] = Float.NEGATIVE_INFINITY;
      float[] missing = new float[credit.features()];
      Arrays.fill(missing, Float.NaN);

      assertThat(refusal(List.of(credit.rows(0, 1).getFirst(), shortRow)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("row 1 has 12 values; model 'fraud-refusals' takes 13 features");
      assertThat(refusal(List.of(infinite)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("row 0, feature 2 is infinite");
      assertThat(refusal(List.of()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("at least one row");
      assertThat(
              failure(
                  pool.score(
                      TabularRequest.of("t1", "no-such-model", List.of(missing), false, TIMEOUT))))
          .isInstanceOf(ModelNotFoundException.class);
      // Every value missing is a row like any other.
      assertThat(
              await(
                      pool.score(
                          TabularRequest.of(
                              "t1", "fraud-refusals", List.of(missing), false, TIMEOUT)))
                  .scores())
          .hasSize(1);
      assertThat(snapshot("fraud-refusals").items()).isEqualTo(1);
      assertThat(snapshot("fraud-refusals").inFlight()).isZero();
    }
  }

  private static Throwable refusal(List<float[]> rows) throws Exception {
    return failure(pool.score(TabularRequest.of("t1", "fraud-refusals", rows, false, TIMEOUT)));
  }

  @Test
  void theSameModelIsSharedOtherBytesAreRefusedAndTheLastHoldUnloads() throws Exception {
    TabularModels other = service.forPlugin("other", pool.registryFor("other"));
    ModelRegistration first = await(fraud().serve("fraud-shared", trained));
    ModelRegistration second = await(other.serve("fraud-shared", trained));
    assertThat(second.model().owner()).isEqualTo("fraud,other");

    TrainedModel different =
        await(
            fraud()
                .train(
                    credit.training(500),
                    new TrainingParams(3, 3, 2, 0.3, 1.0),
                    new RecordingProgress()));
    assertThat(failure(other.serve("fraud-shared", different)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model id 'fraud-shared' is taken by another model");
    assertThat(failure(other.serve("Bad Id", trained)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model id must be");
    TrainedModel garbage =
        new TrainedModel(new byte[] {1, 2, 3}, trained.featureNames(), trained.metrics());
    assertThat(failure(other.serve("fraud-garbage", garbage)))
        .isInstanceOf(InferenceFailedException.class)
        .hasMessageContaining("model 'fraud-garbage' failed to load");
    assertThat(pool.model("fraud-garbage")).isEmpty();

    first.close();
    List<float[]> row = credit.rows(0, 1);
    assertThat(
            await(pool.score(TabularRequest.of("t1", "fraud-shared", row, false, TIMEOUT)))
                .scores())
        .hasSize(1);
    second.close();
    assertThat(pool.model("fraud-shared")).isEmpty();
    assertThat(failure(pool.score(TabularRequest.of("t1", "fraud-shared", row, false, TIMEOUT))))
        .isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void aFloodingTenantDoesNotHoldBackAnotherTenantsRequest() throws Exception {
    Path file = new ModelFiles(models).store(trained.bytes());
    JsonObject keys =
        new JsonObject()
            .put("batch_size", 64)
            .put("max_batch_delay", 0)
            .put("min_workers", 1)
            .put("max_workers", 1)
            .put("express_workers", 0);
    try (ModelRegistration ignored =
        await(
            pool.registryFor("fraud")
                .register(new ModelDefinition("credit-fair", Task.TABULAR_SCORING, file, keys)))) {
      Vertx vertx = Vertx.vertx();
      try {
        // Submitted from an event loop, results are delivered back on it in completion order.
        Context context = vertx.getOrCreateContext();
        List<String> completed = new ArrayList<>();
        List<Future<TabularResult>> all = new ArrayList<>();
        CompletableFuture<Integer> heavyWaiting = new CompletableFuture<>();
        List<float[]> batchOfRows = credit.rows(0, 64);
        context.runOnContext(
            submitAll -> {
              for (int i = 0; i < 300; i++) {
                all.add(
                    pool.score(
                            TabularRequest.of("heavy", "credit-fair", batchOfRows, true, TIMEOUT))
                        .onSuccess(r -> completed.add("heavy")));
              }
              all.add(
                  pool.score(
                          TabularRequest.of(
                              "light", "credit-fair", credit.rows(0, 1), true, TIMEOUT))
                      .onSuccess(r -> completed.add("light")));
              // Counted once the light job is queued: from then on fair queuing takes it before
              // any heavy job still waiting, however fast the worker drains the backlog.
              heavyWaiting.complete(queued("credit-fair", "heavy"));
            });
        int waitingAtLight = heavyWaiting.get(30, TimeUnit.SECONDS);
        for (Future<TabularResult> future : List.copyOf(all)) {
          await(future);
        }
        int lightAt = await(vertx.executeBlocking(() -> completed.indexOf("light"), false));

        // Only the heavy jobs taken before the light one was queued finish ahead of it (one more
        // allowed for a job the worker took while the count was read); the rest of the backlog
        // waits behind the light tenant.
        assertThat(waitingAtLight).as("the heavy backlog still waited").isGreaterThan(1);
        assertThat(lightAt).isLessThanOrEqualTo(300 - waitingAtLight + 1);
      } finally {
        await(vertx.close());
      }
    }
  }

  private static int queued(String modelId, String tenant) {
    return snapshot(modelId).queuedJobsByTenant().getOrDefault(tenant, 0);
  }

  @Test
  void theBaselineTimesTheBoosterAndThePoolOnTheSameRows() throws Exception {
    int count = Integer.getInteger("tabular.bench.rows", 2000);
    List<float[]> rows = new ArrayList<>();
    while (rows.size() < count) {
      rows.addAll(credit.rows(0, Math.min(credit.rowCount(), count - rows.size())));
    }
    List<TabularTiming> timings = new ArrayList<>();
    TabularBaseline baseline = new TabularBaseline(trained.bytes());
    try (ModelRegistration ignored = await(fraud().serve("fraud-bench", trained))) {
      timings.add(baseline.boosterBatch(rows));
      for (int concurrency : new int[] {1, 8, 32}) {
        timings.add(baseline.boosterRowByRow(rows, concurrency));
        timings.add(TabularBaseline.pool(pool, "fraud-bench", "t1", rows, concurrency, false));
      }
      timings.add(TabularBaseline.pool(pool, "fraud-bench", "t1", rows, 8, true));
      System.out.println(TabularTiming.header());
      timings.forEach(t -> System.out.println(t.row()));
      assertThat(snapshot("fraud-bench").items()).isEqualTo(4L * count);
    }
    assertThat(timings.getFirst().rows()).isEqualTo(5 * count);
    assertThat(timings.subList(1, timings.size()))
        .allSatisfy(t -> assertThat(t.rows()).isEqualTo(count));
    assertThat(timings)
        .allSatisfy(t -> assertThat(t.p99Millis()).isGreaterThanOrEqualTo(t.p50Millis()));
  }

  private static PoolSnapshot snapshot(String modelId) {
    return pool.snapshot().stream()
        .filter(s -> s.modelId().equals(modelId))
        .findFirst()
        .orElseThrow();
  }

  /** The booster's own predictions, in process, for rows {@code from} to {@code to}. */
  private static float[][] expected(int from, int to) throws Exception {
    float[] values =
        Arrays.copyOfRange(credit.rows, from * credit.features(), to * credit.features());
    return Boosters.predict(booster, values, to - from, credit.features());
  }
}
