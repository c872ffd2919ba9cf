package dev.atrium.persistence.plugins;

import static dev.atrium.persistence.jooq.Tables.PLUGIN_BLOBS;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Plugins' binary objects, always addressed by tenant and plugin first. */
public final class PluginBlobRepository {
  private final DSLContext dsl;

  public PluginBlobRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /**
   * Stores {@code blob}, replacing one of the same name. Written as update-else-insert rather than
   * an upsert: jOOQ renders H2's upsert as a MERGE that casts the bytes to {@code blob}, a type H2
   * does not know in PostgreSQL mode. A concurrent first insert of the same name loses the race on
   * the primary key and updates instead.
   */
  public void put(UUID tenantId, String pluginId, StoredBlob blob) {
    if (update(tenantId, pluginId, blob) > 0) {
      return;
    }
    try {
      dsl.insertInto(PLUGIN_BLOBS)
          .set(PLUGIN_BLOBS.TENANT_ID, tenantId)
          .set(PLUGIN_BLOBS.PLUGIN_ID, pluginId)
          .set(PLUGIN_BLOBS.NAME, blob.name())
          .set(PLUGIN_BLOBS.CONTENT_TYPE, blob.contentType())
          .set(PLUGIN_BLOBS.SIZE, blob.size())
          .set(PLUGIN_BLOBS.CONTENT, blob.content())
          .set(PLUGIN_BLOBS.UPDATED_AT, blob.updatedAt())
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      update(tenantId, pluginId, blob);
    }
  }

  private int update(UUID tenantId, String pluginId, StoredBlob blob) {
    return dsl.update(PLUGIN_BLOBS)
        .set(PLUGIN_BLOBS.CONTENT_TYPE, blob.contentType())
        .set(PLUGIN_BLOBS.SIZE, blob.size())
        .set(PLUGIN_BLOBS.CONTENT, blob.content())
        .set(PLUGIN_BLOBS.UPDATED_AT, blob.updatedAt())
        .where(owned(tenantId, pluginId))
        .and(PLUGIN_BLOBS.NAME.eq(blob.name()))
        .execute();
  }

  public Optional<StoredBlob> get(UUID tenantId, String pluginId, String name) {
    return dsl.selectFrom(PLUGIN_BLOBS)
        .where(owned(tenantId, pluginId))
        .and(PLUGIN_BLOBS.NAME.eq(name))
        .fetchOptional()
        .map(
            r ->
                new StoredBlob(
                    r.getName(),
                    r.getContentType(),
                    r.getSize(),
                    r.getContent(),
                    r.getUpdatedAt()));
  }

  /** Descriptions (without content) of the objects whose name starts with {@code prefix}. */
  public List<StoredBlob> list(UUID tenantId, String pluginId, String prefix) {
    return dsl.select(
            PLUGIN_BLOBS.NAME,
            PLUGIN_BLOBS.CONTENT_TYPE,
            PLUGIN_BLOBS.SIZE,
            PLUGIN_BLOBS.UPDATED_AT)
        .from(PLUGIN_BLOBS)
        .where(owned(tenantId, pluginId))
        .and(
            prefix.isEmpty() ? PLUGIN_BLOBS.NAME.isNotNull() : PLUGIN_BLOBS.NAME.startsWith(prefix))
        .orderBy(PLUGIN_BLOBS.NAME)
        .fetch(r -> new StoredBlob(r.value1(), r.value2(), r.value3(), null, r.value4()));
  }

  public boolean delete(UUID tenantId, String pluginId, String name) {
    return dsl.deleteFrom(PLUGIN_BLOBS)
            .where(owned(tenantId, pluginId))
            .and(PLUGIN_BLOBS.NAME.eq(name))
            .execute()
        > 0;
  }

  private static Condition owned(UUID tenantId, String pluginId) {
    return PLUGIN_BLOBS.TENANT_ID.eq(tenantId).and(PLUGIN_BLOBS.PLUGIN_ID.eq(pluginId));
  }
}
