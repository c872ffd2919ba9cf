package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;

/** A stored object with its content. */
public record Blob(BlobInfo info, Buffer content) {
  public Blob {
    requireNonNull(info, "info is null");
    requireNonNull(content, "content is null");
  }
}
