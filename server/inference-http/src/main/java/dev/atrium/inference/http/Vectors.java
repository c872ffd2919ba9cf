package dev.atrium.inference.http;

import io.vertx.core.json.JsonArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/** Embedding vectors as the OpenAI API ships them: JSON numbers or base64 little-endian float32. */
final class Vectors {
  private Vectors() {}

  static JsonArray json(float[] vector) {
    JsonArray array = new JsonArray();
    for (float v : vector) {
      array.add(v);
    }
    return array;
  }

  static String base64(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** The first {@code dimensions} components, scaled back to unit length (as OpenAI does). */
  static float[] truncate(float[] vector, int dimensions) {
    float[] shortened = Arrays.copyOf(vector, dimensions);
    double norm = 0;
    for (float v : shortened) {
      norm += v * v;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < shortened.length; i++) {
        shortened[i] *= scale;
      }
    }
    return shortened;
  }
}
