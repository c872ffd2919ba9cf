package dev.atrium.plugin.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's binary objects for one plugin (uploaded files, model artefacts), by name (at most
 * 512 characters). Each object is kept whole in the platform database, so objects are meant to be
 * modest (the host refuses objects above its configured limit).
 */
public interface BlobStore {

  /** Creates or replaces the object and answers its description. */
  Future<BlobInfo> put(String name, Buffer content, String contentType);

  Future<Optional<Blob>> get(String name);

  /** Descriptions of the objects whose name starts with {@code prefix}, by name. */
  Future<List<BlobInfo>> list(String prefix);

  /** Deletes the object; answers whether it existed. */
  Future<Boolean> delete(String name);
}
