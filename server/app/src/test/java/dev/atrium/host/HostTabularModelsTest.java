package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.config.AtriumConfig;
import dev.atrium.db.Db;
import dev.atrium.inference.InferencePool;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.tabular.TabularModelService;
import dev.atrium.persistence.Database;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TabularResult;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's {@code tabularModels()} on the host: the {@code tabular.*} keys, training on a named
 * training thread with the future back on the caller's event loop, the served model's file under
 * the data dir (gone once loaded), scoring through the pool, and the model given back when the
 * plugin stops.
 */
final class HostTabularModelsTest {

  @TempDir Path dataDir;

  @Test
  void aPluginTrainsOffTheEventLoopServesAndGivesItsModelBackWhenItStops() throws Exception {
    AtriumConfig config =
        AtriumConfig.of(Map.of("data.dir", dataDir.toString(), "tabular.training-threads", "1"));
    TabularModelService.Settings settings = PluginSetup.tabularSettings(config);
    assertThat(settings)
        .isEqualTo(new TabularModelService.Settings(1, 16, 1, dataDir.resolve("tabular-models")));

    Vertx vertx = Vertx.vertx();
    Database database = Database.open(Database.embeddedUrl(dataDir), "", "", 2);
    Db db = new Db(vertx, database);
    try (InferencePool pool =
            InferencePool.builder(
                    CatalogConfig.parse(new JsonObject().put("bundled_models", false)))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        PluginServices services =
            new PluginServices(
                db,
                dataDir,
                pool,
                pool,
                pool::registryFor,
                usage -> Future.succeededFuture(),
                1 << 20,
                settings)) {
      HostPluginContext plugin =
          new HostPluginContext("scorer", "1.0.0", services, getClass().getClassLoader());
      ThreadRecordingProgress progress = new ThreadRecordingProgress();
      Context eventLoop = vertx.getOrCreateContext();
      CompletableFuture<TrainedModel> trained = new CompletableFuture<>();
      CompletableFuture<Boolean> onEventLoop = new CompletableFuture<>();
      eventLoop.runOnContext(
          ignored ->
              plugin
                  .tabularModels()
                  .train(thresholdData(), TrainingParams.defaults(), progress)
                  .onComplete(
                      ar -> {
                        onEventLoop.complete(Vertx.currentContext() == eventLoop);
                        if (ar.succeeded()) {
                          trained.complete(ar.result());
                        } else {
                          trained.completeExceptionally(ar.cause());
                        }
                      }));
      TrainedModel model = trained.get(60, TimeUnit.SECONDS);
      assertThat(onEventLoop.get()).isTrue();
      assertThat(progress.thread).startsWith("atrium-tabular-training-");
      assertThat(model.metrics().rocAuc())
          .isGreaterThan(0.85); // a tenth of the labels flipped: 0.9 at best

      plugin.tabularModels().serve("scorer.threshold", model).await();
      // The file was written for the load only: the loaded model keeps its bytes.
      try (Stream<Path> files = Files.list(dataDir.resolve("tabular-models"))) {
        assertThat(files).isEmpty();
      }
      assertThat(pool.model("scorer.threshold").map(ModelInfo::owner)).contains("scorer");
      TabularResult result =
          pool.score(
                  TabularRequest.of(
                      "tenant",
                      "scorer.threshold",
                      List.of(new float[] {0.9f}, new float[] {0.1f}),
                      false,
                      Duration.ofSeconds(30)))
              .await();
      assertThat(result.scores()[0]).isGreaterThan(result.scores()[1]);

      plugin.close();

      assertThat(pool.model("scorer.threshold")).isEmpty();
    } finally {
      db.close();
      vertx.close().await();
      database.close();
    }
  }

  /** One feature; the label is whether it passes 0.5, with one in ten labels flipped. */
  private static TrainingData thresholdData() {
    int count = 500;
    float[] rows = new float[count];
    float[] labels = new float[count];
    for (int i = 0; i < count; i++) {
      rows[i] = (i * 37 % count) / (float) count;
      labels[i] = (rows[i] > 0.5) != (i % 10 == 0) ? 1 : 0;
    }
    return new TrainingData(List.of("x"), rows, labels, 100);
  }

  private static final class ThreadRecordingProgress implements JobProgress {
    volatile String thread = "";

    @Override
    public void update(double fraction, String message) {
      thread = Thread.currentThread().getName();
    }

    @Override
    public boolean cancelled() {
      return false;
    }
  }
}
