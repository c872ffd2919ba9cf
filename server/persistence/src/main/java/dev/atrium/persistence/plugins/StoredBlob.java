package dev.atrium.persistence.plugins;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/** A plugin's binary object; {@code content} is null when only its description was read. */
public record StoredBlob(
    String name, String contentType, long size, byte[] content, OffsetDateTime updatedAt) {
  public StoredBlob {
    requireNonNull(name, "name is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
