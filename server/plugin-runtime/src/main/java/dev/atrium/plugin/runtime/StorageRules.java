package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The limits of a plugin's storage (collection names, document ids and sizes, page sizes, object
 * names), checked by the host's stores and by the testkit's, so a plugin that passes its tests does
 * not break on them in production. Each check throws {@link IllegalArgumentException} saying what
 * is allowed.
 */
public final class StorageRules {
  public static final int MAX_DOCUMENT_ID = 256;
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;
  public static final int MAX_LIST = 1000;
  public static final int MAX_OBJECT_NAME = 512;

  private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private StorageRules() {}

  /** A document or vector collection name. */
  public static String collection(String name) {
    requireNonNull(name, "collection is null");
    if (!COLLECTION.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "collection '" + name + "' must be 1-64 lower-case letters, digits, '-' or '_'");
    }
    return name;
  }

  public static String documentId(String id) {
    requireNonNull(id, "id is null");
    if (id.length() > MAX_DOCUMENT_ID) {
      throw new IllegalArgumentException(
          "a document id must be at most " + MAX_DOCUMENT_ID + " characters");
    }
    return id;
  }

  /** The document as stored JSON. */
  public static String documentJson(JsonObject data) {
    String json = requireNonNull(data, "data is null").encode();
    if (json.length() > MAX_DOCUMENT_CHARS) {
      throw new IllegalArgumentException("a document must be at most 1 MiB of JSON");
    }
    return json;
  }

  /** How many documents one {@code putAll} may write: as many as one page of a list. */
  public static int batchSize(int size) {
    if (size > MAX_LIST) {
      throw new IllegalArgumentException(
          "at most " + MAX_LIST + " documents can be put at once, not " + size);
    }
    return size;
  }

  public static int listLimit(int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIST);
    }
    return limit;
  }

  public static String objectName(String name) {
    requireNonNull(name, "name is null");
    if (name.isEmpty() || name.length() > MAX_OBJECT_NAME) {
      throw new IllegalArgumentException(
          "an object name must be 1-" + MAX_OBJECT_NAME + " characters");
    }
    return name;
  }

  /** An object's size against the host's {@code plugins.max-blob-bytes}. */
  public static void objectSize(long bytes, long maxBytes) {
    if (bytes > maxBytes) {
      throw new IllegalArgumentException(
          "an object must be at most plugins.max-blob-bytes (" + maxBytes + " bytes)");
    }
  }
}
