package dev.atrium.inference.embedding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.atrium.inference.catalog.ArtifactSource;
import dev.atrium.inference.catalog.CatalogConfigException;
import dev.atrium.inference.catalog.EmbeddingSpec;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelLoader;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Loads ONNX sentence-embedding models through DJL's ONNX Runtime engine, with their HuggingFace
 * tokenizer. Each load creates one ONNX Runtime session (inter-op 1 thread, intra-op as given),
 * shared by the device's workers.
 */
public final class OnnxEmbeddingLoader implements ModelLoader<String, float[]> {

  /** The engine name used in the catalog ({@code "engine": "OnnxRuntime"}). */
  public static final String ENGINE = "OnnxRuntime";

  @Override
  public List<String> autoDevices() {
    int gpus = Engine.getEngine(ENGINE).getGpuCount();
    return gpus > 0 ? IntStream.range(0, gpus).mapToObj(i -> "gpu" + i).toList() : List.of("cpu");
  }

  @Override
  public LoadedModel<String, float[]> load(ModelSpec spec, String device, int intraOpThreads)
      throws Exception {
    EmbeddingSpec embedding =
        spec.embedding()
            .orElseThrow(
                () -> new IllegalArgumentException(spec.id() + " is not an embedding model"));
    ArtifactSource artifact = new ArtifactSource(spec.artifact());
    Model model = Model.newInstance(spec.id(), toDevice(device), ENGINE);
    try {
      try (InputStream in = artifact.open(".onnx")) {
        model.load(
            in,
            Map.of(
                "interOpNumThreads", "1", "intraOpNumThreads", Integer.toString(intraOpThreads)));
      }
      String maxLength = Integer.toString(embedding.maxTokens());
      HuggingFaceTokenizer tokenizer;
      try (InputStream in = artifact.open("-tokenizer.json")) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                in,
                Map.of(
                    "padding",
                    "false",
                    "truncation",
                    "true",
                    "maxLength",
                    maxLength,
                    "modelMaxLength",
                    maxLength));
      }
      return new OnnxEmbeddingModel(model, tokenizer, embedding, device);
    } catch (Exception | Error e) {
      model.close();
      throw e;
    }
  }

  private static Device toDevice(String name) {
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    if (name.matches("gpu\\d+")) {
      return Device.gpu(Integer.parseInt(name.substring(3)));
    }
    throw new CatalogConfigException("device '" + name + "' is not cpu, gpuN or auto");
  }
}
