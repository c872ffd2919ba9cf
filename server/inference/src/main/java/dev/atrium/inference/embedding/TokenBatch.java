package dev.atrium.inference.embedding;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * Tokenized texts padded to the longest one in the batch: row-major {@code [batch, sequence]} int64
 * arrays as the ONNX model takes them, plus each text's unpadded token count.
 */
record TokenBatch(
    long[] inputIds,
    long[] attentionMask,
    long[] tokenTypeIds,
    int rows,
    int sequence,
    int[] lengths) {

  static TokenBatch of(Encoding[] encodings) {
    int rows = encodings.length;
    int sequence = 1;
    for (Encoding encoding : encodings) {
      sequence = Math.max(sequence, encoding.getIds().length);
    }
    long[] ids = new long[rows * sequence];
    long[] mask = new long[rows * sequence];
    long[] types = new long[rows * sequence];
    int[] lengths = new int[rows];
    for (int r = 0; r < rows; r++) {
      long[] rowIds = encodings[r].getIds();
      long[] rowMask = encodings[r].getAttentionMask();
      long[] rowTypes = encodings[r].getTypeIds();
      System.arraycopy(rowIds, 0, ids, r * sequence, rowIds.length);
      System.arraycopy(rowMask, 0, mask, r * sequence, rowMask.length);
      System.arraycopy(rowTypes, 0, types, r * sequence, rowTypes.length);
      int length = 0;
      for (long m : rowMask) {
        length += (int) m;
      }
      lengths[r] = length;
    }
    return new TokenBatch(ids, mask, types, rows, sequence, lengths);
  }
}
