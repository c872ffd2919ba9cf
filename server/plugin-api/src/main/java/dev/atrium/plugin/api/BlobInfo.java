package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What is known about a stored object without reading it. */
public record BlobInfo(String name, String contentType, long size, Instant updatedAt) {
  public BlobInfo {
    requireNonNull(name, "name is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
