package dev.atrium.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.inference.InferencePool;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TabularResult;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A plugin under test trains and serves gradient-boosted trees with the host's real engine: the
 * model learns, scores through the context's inference, and is given back when the context closes.
 */
final class TestingTabularModelsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int FEATURES = 3;

  @Test
  void aPluginTrainsServesScoresAndGivesItsModelBack() {
    TrainingData data = riskData(3000, 42);
    List<Double> fractions = new CopyOnWriteArrayList<>();
    JobProgress progress =
        new JobProgress() {
          @Override
          public void update(double fraction, String message) {
            fractions.add(fraction);
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        };
    try (InferencePool pool =
        InferencePool.builder(CatalogConfig.parse(new JsonObject().put("bundled_models", false)))
            .meterRegistry(new SimpleMeterRegistry())
            .build()) {
      TestingPluginContext plugin = new TestingPluginContext("risk", "1.0.0", pool);

      TrainedModel model =
          plugin.tabularModels().train(data, TrainingParams.defaults(), progress).await();
      assertThat(model.metrics().rocAuc()).isGreaterThan(0.85);
      assertThat(model.featureNames()).containsExactly("amount", "velocity", "noise");
      assertThat(fractions).isNotEmpty().isSorted().endsWith(1.0);

      ModelRegistration hold = plugin.tabularModels().serve("risk.model", model).await();
      assertThat(hold.model().task()).isEqualTo(Task.TABULAR_SCORING);
      assertThat(pool.model("risk.model").map(ModelInfo::owner)).contains("risk");
      String tenant = TestingPluginContext.newTenantId();
      List<float[]> rows = List.of(new float[] {0.95f, 2f, 0}, new float[] {0.05f, -2f, 0});
      TabularResult result =
          plugin
              .inference()
              .score(TabularRequest.of(tenant, "risk.model", rows, true, TIMEOUT))
              .await();
      assertThat(result.scores()[0]).isGreaterThan(0.8);
      assertThat(result.scores()[1]).isLessThan(0.2);
      assertThat(result.contributions()).hasSize(2).allSatisfy(c -> assertThat(c).hasSize(4));
      assertThat(result.usage().items()).isEqualTo(2);

      plugin.close();

      assertThat(pool.model("risk.model")).isEmpty();
    }
  }

  /**
   * Rows where risk grows with the amount and the velocity (plus noise), the third feature being
   * pure noise and sometimes missing.
   */
  private static TrainingData riskData(int count, long seed) {
    Random random = new Random(seed);
    float[] rows = new float[count * FEATURES];
    float[] labels = new float[count];
    List<String> names = new ArrayList<>(List.of("amount", "velocity", "noise"));
    for (int i = 0; i < count; i++) {
      float amount = random.nextFloat();
      float velocity = (float) random.nextGaussian();
      rows[i * FEATURES] = amount;
      rows[i * FEATURES + 1] = velocity;
      rows[i * FEATURES + 2] = random.nextInt(10) == 0 ? Float.NaN : random.nextFloat();
      labels[i] = amount + 0.3 * velocity + 0.2 * random.nextGaussian() > 0.9 ? 1 : 0;
    }
    return new TrainingData(names, rows, labels, count / 5);
  }
}
