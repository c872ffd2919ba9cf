package dev.atrium.inference.embedding;

import static java.util.Objects.requireNonNull;

/**
 * A model's {@code last_hidden_state} copied to the heap: row-major {@code [batch, sequence,
 * hidden]}.
 */
record HiddenStates(float[] values, int batchSize, int sequenceLength, int hiddenSize) {

  HiddenStates {
    requireNonNull(values, "values is null");
    if ((long) batchSize * sequenceLength * hiddenSize != values.length) {
      throw new IllegalArgumentException("shape does not match the number of values");
    }
  }
}
