package dev.atrium.plugin.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What the host keeps for one tenant and one plugin. Nothing here can reach another tenant's data
 * or another plugin's data; all of it survives plugin upgrades and server restarts.
 */
public interface TenantServices {

  /** The tenant these services belong to. */
  String tenantId();

  /** JSON documents (records), in named collections. */
  DocumentStore documents();

  /** Binary objects by name. */
  BlobStore blobs();

  /**
   * The approximate-nearest-neighbour index named {@code collection} (lower-case letters, digits,
   * {@code -} and {@code _}), created on first use.
   */
  VectorIndex vectors(String collection);

  /**
   * The tenant's settings for this plugin, valid against {@link AtriumPlugin#settingsSchema()}; an
   * empty object when the tenant never saved any.
   */
  Future<JsonObject> settings();

  /**
   * The tenant's knowledge base named {@code name} (lower-case letters, digits, {@code -}), created
   * on first use: shared ingestion, chunking and retrieval. Since SDK 1.1.0.
   */
  default KnowledgeBase knowledge(String name) {
    throw new UnsupportedOperationException(
        "this host offers no knowledge base (it needs SDK 1.1.0)");
  }
}
