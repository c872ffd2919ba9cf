package dev.atrium.inference.generation;

import static java.util.Objects.requireNonNull;

import de.kherud.llama.LlamaModel;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelRunner;
import java.util.List;

/** A GGUF model loaded once on one device; each worker streams through its own llama.cpp slot. */
final class LlamaModelHandle implements LoadedModel<GenerationInput, GenerationOutput> {

  private final String modelId;
  private final LlamaModel model;
  private final int contextLength;

  LlamaModelHandle(String modelId, LlamaModel model, int contextLength) {
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.model = requireNonNull(model, "model is null");
    this.contextLength = contextLength;
  }

  @Override
  public ModelRunner<GenerationInput, GenerationOutput> newRunner() {
    return new LlamaRunner(modelId, model, contextLength);
  }

  @Override
  public List<GenerationInput> warmUpInput() {
    return List.of(GenerationInput.warmUp("Once upon a time"));
  }

  @Override
  public void close() {
    model.close();
  }
}
