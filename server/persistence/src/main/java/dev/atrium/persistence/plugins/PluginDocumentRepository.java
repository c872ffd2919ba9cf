package dev.atrium.persistence.plugins;

import static dev.atrium.persistence.jooq.Tables.PLUGIN_DOCUMENTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.PluginDocumentsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Plugins' JSON documents, always addressed by tenant and plugin first. */
public final class PluginDocumentRepository {
  private final DSLContext dsl;

  public PluginDocumentRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public void put(UUID tenantId, String pluginId, StoredDocument document) {
    putAll(tenantId, pluginId, List.of(document));
  }

  /**
   * Creates or replaces each document: one statement rendered once and bound per document, sent as
   * one batch (in the caller's transaction, if any).
   */
  public void putAll(UUID tenantId, String pluginId, List<StoredDocument> documents) {
    if (documents.isEmpty()) {
      return;
    }
    BatchBindStep batch =
        dsl.batch(
            dsl.insertInto(
                    PLUGIN_DOCUMENTS,
                    PLUGIN_DOCUMENTS.TENANT_ID,
                    PLUGIN_DOCUMENTS.PLUGIN_ID,
                    PLUGIN_DOCUMENTS.COLLECTION,
                    PLUGIN_DOCUMENTS.ID,
                    PLUGIN_DOCUMENTS.DATA,
                    PLUGIN_DOCUMENTS.UPDATED_AT)
                .values(
                    (UUID) null,
                    (String) null,
                    (String) null,
                    (String) null,
                    (String) null,
                    (OffsetDateTime) null)
                .onConflict(
                    PLUGIN_DOCUMENTS.TENANT_ID,
                    PLUGIN_DOCUMENTS.PLUGIN_ID,
                    PLUGIN_DOCUMENTS.COLLECTION,
                    PLUGIN_DOCUMENTS.ID)
                .doUpdate()
                .set(PLUGIN_DOCUMENTS.DATA, DSL.excluded(PLUGIN_DOCUMENTS.DATA))
                .set(PLUGIN_DOCUMENTS.UPDATED_AT, DSL.excluded(PLUGIN_DOCUMENTS.UPDATED_AT)));
    for (StoredDocument d : documents) {
      batch.bind(tenantId, pluginId, d.collection(), d.id(), d.data(), d.updatedAt());
    }
    batch.execute();
  }

  public Optional<StoredDocument> get(
      UUID tenantId, String pluginId, String collection, String id) {
    return dsl.selectFrom(PLUGIN_DOCUMENTS)
        .where(owned(tenantId, pluginId, collection))
        .and(PLUGIN_DOCUMENTS.ID.eq(id))
        .fetchOptional()
        .map(PluginDocumentRepository::toDocument);
  }

  /** Documents whose id starts with {@code idPrefix}, by id, after {@code afterId} (or null). */
  public List<StoredDocument> list(
      UUID tenantId,
      String pluginId,
      String collection,
      String idPrefix,
      String afterId,
      int limit) {
    return dsl.selectFrom(PLUGIN_DOCUMENTS)
        .where(owned(tenantId, pluginId, collection))
        .and(prefix(idPrefix))
        .and(afterId == null ? DSL.noCondition() : PLUGIN_DOCUMENTS.ID.gt(afterId))
        .orderBy(PLUGIN_DOCUMENTS.ID)
        .limit(limit)
        .fetch(PluginDocumentRepository::toDocument);
  }

  public boolean delete(UUID tenantId, String pluginId, String collection, String id) {
    return dsl.deleteFrom(PLUGIN_DOCUMENTS)
            .where(owned(tenantId, pluginId, collection))
            .and(PLUGIN_DOCUMENTS.ID.eq(id))
            .execute()
        > 0;
  }

  public int deleteAll(UUID tenantId, String pluginId, String collection, String idPrefix) {
    return dsl.deleteFrom(PLUGIN_DOCUMENTS)
        .where(owned(tenantId, pluginId, collection))
        .and(prefix(idPrefix))
        .execute();
  }

  private static Condition owned(UUID tenantId, String pluginId, String collection) {
    return PLUGIN_DOCUMENTS
        .TENANT_ID
        .eq(tenantId)
        .and(PLUGIN_DOCUMENTS.PLUGIN_ID.eq(pluginId))
        .and(PLUGIN_DOCUMENTS.COLLECTION.eq(collection));
  }

  private static Condition prefix(String idPrefix) {
    return idPrefix.isEmpty() ? DSL.noCondition() : PLUGIN_DOCUMENTS.ID.startsWith(idPrefix);
  }

  private static StoredDocument toDocument(PluginDocumentsRecord r) {
    return new StoredDocument(r.getCollection(), r.getId(), r.getData(), r.getUpdatedAt());
  }
}
