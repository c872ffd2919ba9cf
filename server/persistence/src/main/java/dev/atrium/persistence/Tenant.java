package dev.atrium.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A business that uses the platform; every tenant-owned row carries its id. */
public record Tenant(UUID id, String name, OffsetDateTime createdAt) {}
