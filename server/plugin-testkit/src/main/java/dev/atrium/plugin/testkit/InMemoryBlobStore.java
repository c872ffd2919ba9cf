package dev.atrium.plugin.testkit;

import static dev.atrium.plugin.testkit.InMemoryDocumentStore.attempt;

import dev.atrium.plugin.api.Blob;
import dev.atrium.plugin.api.BlobInfo;
import dev.atrium.plugin.api.BlobStore;
import dev.atrium.plugin.runtime.StorageRules;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in memory, refusing names and sizes the host refuses. */
final class InMemoryBlobStore implements BlobStore {
  private final long maxBytes;
  private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();

  InMemoryBlobStore(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Future<BlobInfo> put(String name, Buffer content, String contentType) {
    return attempt(
        () -> {
          StorageRules.objectName(name);
          StorageRules.objectSize(content.length(), maxBytes);
          BlobInfo info = new BlobInfo(name, contentType, content.length(), Instant.now());
          blobs.put(name, new Blob(info, content.copy()));
          return info;
        });
  }

  @Override
  public Future<Optional<Blob>> get(String name) {
    return attempt(
        () -> {
          StorageRules.objectName(name);
          return Optional.ofNullable(blobs.get(name))
              .map(b -> new Blob(b.info(), b.content().copy()));
        });
  }

  @Override
  public Future<List<BlobInfo>> list(String prefix) {
    return attempt(
        () ->
            blobs.values().stream()
                .map(Blob::info)
                .filter(i -> i.name().startsWith(prefix))
                .toList());
  }

  @Override
  public Future<Boolean> delete(String name) {
    return attempt(
        () -> {
          StorageRules.objectName(name);
          return blobs.remove(name) != null;
        });
  }
}
