package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;

/** An entry of the {@link FeatureStore}: what changed since it was last written, and its JSON. */
interface StoredState {
  /** Whether it changed since the last {@link #clean()}. */
  boolean dirty();

  void clean();

  JsonObject toJson();
}
