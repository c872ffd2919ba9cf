package dev.atrium.inference.embedding;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * Feeds a {@link TokenBatch} to a transformer encoder ({@code input_ids}, {@code attention_mask}
 * and, when the model takes it, {@code token_type_ids}) and copies {@code last_hidden_state} back
 * to the heap. Pooling happens in plain Java afterwards.
 */
final class HiddenStateTranslator implements NoBatchifyTranslator<TokenBatch, HiddenStates> {

  private static final String OUTPUT = "last_hidden_state";

  private final List<String> inputNames;

  /**
   * @param inputNames the model's inputs, in its order
   */
  HiddenStateTranslator(List<String> inputNames) {
    this.inputNames = List.copyOf(requireNonNull(inputNames, "inputNames is null"));
  }

  @Override
  public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
    NDManager manager = ctx.getNDManager();
    Shape shape = new Shape(batch.rows(), batch.sequence());
    NDList inputs = new NDList(inputNames.size());
    for (String name : inputNames) {
      long[] values =
          switch (name) {
            case "input_ids" -> batch.inputIds();
            case "attention_mask" -> batch.attentionMask();
            case "token_type_ids" -> batch.tokenTypeIds();
            default -> throw new IllegalStateException("unexpected model input '" + name + "'");
          };
      NDArray array = manager.create(values, shape);
      array.setName(name);
      inputs.add(array);
    }
    return inputs;
  }

  @Override
  public HiddenStates processOutput(TranslatorContext ctx, NDList outputs) {
    NDArray hidden = outputs.get(OUTPUT);
    if (hidden == null) {
      hidden = outputs.get(0);
    }
    Shape shape = hidden.getShape();
    if (shape.dimension() != 3) {
      throw new IllegalStateException("expected [batch, sequence, hidden] output, got " + shape);
    }
    return new HiddenStates(
        hidden.toFloatArray(), (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
  }
}
