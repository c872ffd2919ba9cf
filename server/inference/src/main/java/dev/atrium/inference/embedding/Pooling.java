package dev.atrium.inference.embedding;

/** How an embedding model turns its per-token vectors into one vector per text. */
public enum Pooling {
  /** The average of the vectors of the real (unmasked) tokens: sentence-transformers models. */
  MEAN {
    @Override
    float[] pool(HiddenStates states, int row, long[] attentionMask) {
      int seq = states.sequenceLength();
      int dim = states.hiddenSize();
      float[] data = states.values();
      float[] vector = new float[dim];
      int counted = 0;
      for (int t = 0; t < seq; t++) {
        if (attentionMask[row * seq + t] == 0) {
          continue;
        }
        int base = (row * seq + t) * dim;
        for (int d = 0; d < dim; d++) {
          vector[d] += data[base + d];
        }
        counted++;
      }
      if (counted > 0) {
        for (int d = 0; d < dim; d++) {
          vector[d] /= counted;
        }
      }
      return vector;
    }
  },
  /** The vector of the first token ([CLS]): BGE models. */
  CLS {
    @Override
    float[] pool(HiddenStates states, int row, long[] attentionMask) {
      int dim = states.hiddenSize();
      int base = row * states.sequenceLength() * dim;
      float[] vector = new float[dim];
      System.arraycopy(states.values(), base, vector, 0, dim);
      return vector;
    }
  };

  /** The pooled vector of batch row {@code row}; the mask is row-major like the states. */
  abstract float[] pool(HiddenStates states, int row, long[] attentionMask);

  /** Scales {@code vector} in place to unit length (left alone when it is all zeros). */
  static float[] normalize(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    if (sum > 0) {
      float scale = (float) (1.0 / Math.sqrt(sum));
      for (int i = 0; i < vector.length; i++) {
        vector[i] *= scale;
      }
    }
    return vector;
  }
}
