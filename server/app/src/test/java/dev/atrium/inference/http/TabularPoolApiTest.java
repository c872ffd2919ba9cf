package dev.atrium.inference.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.inference.tabular.BoosterTrainer;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tabular model in the operator's catalog is a pool like the others in the operator's view, and
 * stays out of the tenants' {@code /v1/models} (no {@code /v1} route scores it).
 */
final class TabularPoolApiTest {

  @TempDir Path dir;

  @Test
  void theOperatorSeesTheTabularPoolTenantsDoNot() throws Exception {
    Path model = dir.resolve("threshold.ubj");
    Files.write(model, thresholdModel());
    String catalog =
        new JsonObject()
            .put("bundled_models", false)
            .put("default_embedding_models", new JsonObject())
            .put(
                "models",
                new JsonObject()
                    .put(
                        "threshold",
                        new JsonObject()
                            .put("task", "tabular_scoring")
                            .put("artifact", "file:" + model)
                            .put("max_workers", 1)))
            .encode();
    try (TestServer server = TestServer.withCatalog(catalog, Map.of())) {
      ApiClient api = new ApiClient(server.server.vertx(), server.port());
      String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      JsonObject pool =
          api.get("/api/admin/pool", operator).bodyAsJsonObject().getJsonArray("pools").stream()
              .map(JsonObject.class::cast)
              .filter(p -> p.getString("model").equals("threshold"))
              .findFirst()
              .orElseThrow();
      assertThat(pool.getString("task")).isEqualTo("tabular_scoring");
      assertThat(pool.getString("owner")).isEqualTo("atrium");
      assertThat(pool.getInteger("maxWorkers")).isEqualTo(1);

      String owner = api.signup("Lender", "lender@example.com");
      String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
      assertThat(api.get("/v1/models", key).bodyAsJsonObject().getJsonArray("data")).isEmpty();
    }
  }

  /** A one-feature model: the label is whether the feature passes 0.5. */
  private static byte[] thresholdModel() throws Exception {
    int count = 200;
    float[] rows = new float[count];
    float[] labels = new float[count];
    for (int i = 0; i < count; i++) {
      rows[i] = (i * 7 % count) / (float) count;
      labels[i] = rows[i] > 0.5 ? 1 : 0;
    }
    JobProgress quiet =
        new JobProgress() {
          @Override
          public void update(double fraction, String message) {}

          @Override
          public boolean cancelled() {
            return false;
          }
        };
    return new BoosterTrainer(1)
        .train(
            new TrainingData(List.of("x"), rows, labels, 50),
            new TrainingParams(10, 5, 2, 0.3, 1.0),
            quiet)
        .bytes();
  }
}
