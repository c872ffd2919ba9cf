package dev.atrium.inference.generation;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.atrium.inference.catalog.ArtifactSource;
import dev.atrium.inference.catalog.GenerationSpec;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads GGUF generation models with llama.cpp ({@code de.kherud:llama}): once per device, with one
 * llama.cpp slot per pool worker so that concurrent requests are batched token by token (continuous
 * batching). On a GPU device every layer (or {@code gpu_layers}) is offloaded; on the CPU the model
 * computes with {@code intra_op_threads} threads.
 */
public final class LlamaLoader implements ModelLoader<GenerationInput, GenerationOutput> {

  public static final String ENGINE = "llama.cpp";

  private static final Logger LOG = LoggerFactory.getLogger(LlamaLoader.class);

  /** Set by operators who install a GPU build of the native library (see docs/inference.md). */
  private static final String NATIVE_LIBRARY_PROPERTY = "de.kherud.llama.lib.path";

  static {
    LlamaNatives.load();
  }

  /**
   * The first GPU when the machine has an NVIDIA device and a GPU build of llama.cpp is configured,
   * else the CPU: the library bundled in the jar computes on the CPU only.
   */
  @Override
  public List<String> autoDevices() {
    boolean gpuBuild = System.getProperty(NATIVE_LIBRARY_PROPERTY) != null;
    return gpuBuild && Files.exists(Path.of("/dev/nvidia0")) ? List.of("gpu0") : List.of("cpu");
  }

  @Override
  public LoadedModel<GenerationInput, GenerationOutput> load(
      ModelSpec spec, String device, int threads) throws Exception {
    GenerationSpec generation = spec.generation().orElseThrow();
    Path file = new ArtifactSource(spec.artifact()).file("");
    LOG.info(
        "loading generation model '{}' from {} ({} KiB) on {}: {} slots of {} tokens, {} threads",
        spec.id(),
        spec.artifact(),
        Files.size(file) / 1024,
        device,
        spec.slots(),
        generation.contextLength(),
        threads);
    long start = System.nanoTime();
    ModelParameters parameters =
        new ModelParameters()
            .setModel(file.toString())
            .setThreads(threads)
            .setThreadsBatch(threads)
            .setParallel(spec.slots())
            .setCtxSize(generation.contextLength() * spec.slots())
            .enableContBatching();
    if (device.startsWith("gpu")) {
      int layers = generation.gpuLayers() < 0 ? Integer.MAX_VALUE : generation.gpuLayers();
      parameters.setGpuLayers(layers).setMainGpu(Integer.parseInt(device.substring(3)));
    } else {
      parameters.setGpuLayers(0);
    }
    generation.chatTemplate().ifPresent(parameters::setChatTemplate);
    LlamaModel model = new LlamaModel(parameters);
    LOG.info(
        "generation model '{}' loaded on {} in {} ms",
        spec.id(),
        device,
        (System.nanoTime() - start) / 1_000_000);
    return new LlamaModelHandle(spec.id(), model, generation.contextLength());
  }
}
