package dev.atrium.inference.tabular;

import dev.atrium.inference.catalog.ArtifactSource;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelLoader;
import java.io.InputStream;
import java.util.List;

/**
 * Loads gradient-boosted tree models saved by xgboost (UBJSON or JSON, as {@link
 * Boosters#serialize} writes them) for {@code tabular_scoring} pools. Trees score on the CPU.
 */
public final class XgboostLoader implements ModelLoader<TabularRow, TabularScore> {

  /** The engine name used in the catalog ({@code "engine": "xgboost"}). */
  public static final String ENGINE = "xgboost";

  @Override
  public List<String> autoDevices() {
    return List.of("cpu");
  }

  @Override
  public LoadedModel<TabularRow, TabularScore> load(
      ModelSpec spec, String device, int intraOpThreads) throws Exception {
    if (!device.equals("cpu")) {
      throw new IllegalArgumentException(
          "model '" + spec.id() + "': xgboost trees score on the cpu only, not on " + device);
    }
    byte[] bytes;
    try (InputStream in = new ArtifactSource(spec.artifact()).open("")) {
      bytes = in.readAllBytes();
    }
    return new XgboostModel(spec.id(), bytes, intraOpThreads);
  }
}
