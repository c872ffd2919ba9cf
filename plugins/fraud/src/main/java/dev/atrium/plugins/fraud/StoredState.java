package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;

/**
 * An entry of the {@link FeatureStore}: its JSON, whether it changed since it was last written and
 * when that was. Guarded by the entry's own lock, as its subclasses are.
 */
abstract class StoredState {
  /** How long an entry must go unchanged to count as quiet, and be written at once. */
  static final long QUIET_NANOS = 1_000_000_000L;

  private boolean dirty;
  private long writtenAtNanos = Long.MIN_VALUE / 2;
  private long changedAtNanos;

  abstract JsonObject toJson();

  /** Notes a change that the next write must carry. */
  final void changed() {
    dirty = true;
    changedAtNanos = System.nanoTime();
  }

  /** Notes that the write {@link #toWrite} answered failed: the next flush writes it again. */
  final void writeFailed() {
    dirty = true;
    writtenAtNanos = Long.MIN_VALUE / 2;
  }

  /**
   * The JSON to write now, or null: when nothing changed, or when the entry keeps changing (it
   * changed within {@link #QUIET_NANOS}) and was written less than {@code intervalNanos} before
   * {@code nowNanos}. Once answered, the entry counts as written.
   */
  final JsonObject toWrite(long nowNanos, long intervalNanos) {
    boolean changing = nowNanos - changedAtNanos < QUIET_NANOS;
    if (!dirty || (changing && nowNanos - writtenAtNanos < intervalNanos)) {
      return null;
    }
    dirty = false;
    writtenAtNanos = nowNanos;
    return toJson();
  }
}
