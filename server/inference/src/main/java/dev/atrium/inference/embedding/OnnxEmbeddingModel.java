package dev.atrium.inference.embedding;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.atrium.inference.catalog.EmbeddingSpec;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelRunner;
import java.util.List;

/**
 * An ONNX embedding model and its tokenizer, loaded once on one device. The ONNX Runtime session
 * and the (Rust, thread-safe) tokenizer are shared; each worker gets its own Predictor.
 */
final class OnnxEmbeddingModel implements LoadedModel<String, float[]> {

  private final Model model;
  private final HuggingFaceTokenizer tokenizer;
  private final EmbeddingSpec spec;
  private final HiddenStateTranslator translator;
  private final String device;

  OnnxEmbeddingModel(
      Model model, HuggingFaceTokenizer tokenizer, EmbeddingSpec spec, String device) {
    this.model = requireNonNull(model, "model is null");
    this.tokenizer = requireNonNull(tokenizer, "tokenizer is null");
    this.spec = requireNonNull(spec, "spec is null");
    this.device = requireNonNull(device, "device is null");
    this.translator = new HiddenStateTranslator(model.describeInput().keys());
  }

  @Override
  public ModelRunner<String, float[]> newRunner() {
    return new OnnxEmbeddingRunner(model.newPredictor(translator), tokenizer, spec);
  }

  @Override
  public List<String> warmUpInput() {
    return List.of("Warming up the model on " + device + ".", "A second, longer warm-up sentence.");
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
