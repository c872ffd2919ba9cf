package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * When the write-behind writes an entity: at once when it is new or has gone quiet, not again
 * within the rewrite interval while it keeps changing, never when it has not changed.
 */
final class StoredStateTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = 30 * SECOND;

  @Test
  void aChangingEntityWaitsForTheIntervalAndAQuietOneIsWrittenAtOnce() {
    StoredState state = new Snapshot();
    assertThat(state.toWrite(System.nanoTime(), INTERVAL)).as("unchanged").isNull();

    state.changed();
    long written = System.nanoTime();
    assertThat(state.toWrite(written, INTERVAL)).as("never written yet").isNotNull();

    state.changed();
    long changed = System.nanoTime();
    assertThat(state.toWrite(changed + SECOND / 2, INTERVAL))
        .as("still changing, written half a second ago")
        .isNull();
    assertThat(state.toWrite(changed + SECOND + SECOND / 2, INTERVAL))
        .as("quiet for a second and a half")
        .isNotNull();
    assertThat(state.toWrite(changed + 2 * SECOND, INTERVAL)).as("written, unchanged").isNull();

    state.changed();
    assertThat(state.toWrite(System.nanoTime(), INTERVAL))
        .as("changing again, written within the interval")
        .isNull();
  }

  private static final class Snapshot extends StoredState {
    @Override
    JsonObject toJson() {
      return new JsonObject().put("snapshot", true);
    }
  }
}
