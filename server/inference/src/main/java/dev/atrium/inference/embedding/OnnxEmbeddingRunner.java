package dev.atrium.inference.embedding;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import dev.atrium.inference.catalog.EmbeddingSpec;
import dev.atrium.inference.runner.Computed;
import dev.atrium.inference.runner.ModelRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's embedding runner: tokenize (truncate, pad within the batch), run the encoder through
 * its own Predictor, pool per text and L2-normalise.
 */
final class OnnxEmbeddingRunner implements ModelRunner<String, float[]> {

  private final Predictor<TokenBatch, HiddenStates> predictor;
  private final HuggingFaceTokenizer tokenizer;
  private final EmbeddingSpec spec;

  OnnxEmbeddingRunner(
      Predictor<TokenBatch, HiddenStates> predictor,
      HuggingFaceTokenizer tokenizer,
      EmbeddingSpec spec) {
    this.predictor = requireNonNull(predictor, "predictor is null");
    this.tokenizer = requireNonNull(tokenizer, "tokenizer is null");
    this.spec = requireNonNull(spec, "spec is null");
  }

  @Override
  public List<Computed<float[]>> run(List<String> texts) throws Exception {
    // One text at a time: the tokenizer's batch call spreads short batches over a thread pool of
    // its own, which costs more in hand-offs than it saves and competes with the workers for cores.
    Encoding[] encodings = new Encoding[texts.size()];
    for (int i = 0; i < encodings.length; i++) {
      encodings[i] = tokenizer.encode(texts.get(i));
    }
    TokenBatch batch = TokenBatch.of(encodings);
    HiddenStates states = predictor.predict(batch);
    if (states.hiddenSize() != spec.dimensions()) {
      throw new IllegalStateException(
          "model produces "
              + states.hiddenSize()
              + " dimensions, catalog says "
              + spec.dimensions());
    }
    List<Computed<float[]>> vectors = new ArrayList<>(texts.size());
    for (int row = 0; row < batch.rows(); row++) {
      float[] vector = Pooling.normalize(spec.pooling().pool(states, row, batch.attentionMask()));
      vectors.add(new Computed<>(vector, batch.lengths()[row]));
    }
    return vectors;
  }

  @Override
  public void close() {
    predictor.close();
  }
}
