package dev.atrium.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;

/**
 * Fuzz test of {@link StrictJson}, the parser of every JSON request body: whatever the bytes, it
 * returns an object or refuses with an {@link InvalidJsonException}, never anything else; what it
 * accepts is written back by Vert.x and read again to the same object. Seeds (and every crash
 * found) are in {@code src/test/resources/dev/atrium/plugin/api/StrictJsonFuzzTestInputs/object/}
 * and run under {@code ./mvnw verify}. To fuzz for {@code maxDuration}: {@code JAZZER_FUZZ=1 ./mvnw
 * test -pl server/plugin-api -Dtest=StrictJsonFuzzTest#object}.
 */
final class StrictJsonFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void object(byte[] body) {
    JsonObject read;
    try {
      read = StrictJson.object(body);
    } catch (InvalidJsonException refused) {
      return;
    }
    assertThat(StrictJson.object(read.toBuffer().getBytes())).isEqualTo(read);
  }
}
