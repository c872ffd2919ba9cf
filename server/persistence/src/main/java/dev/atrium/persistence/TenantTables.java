package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.API_KEYS;
import static dev.atrium.persistence.jooq.Tables.AUDIT_EVENTS;
import static dev.atrium.persistence.jooq.Tables.BUDGETS;
import static dev.atrium.persistence.jooq.Tables.BUDGET_ALERTS;
import static dev.atrium.persistence.jooq.Tables.IDEMPOTENT_REQUESTS;
import static dev.atrium.persistence.jooq.Tables.INVOICES;
import static dev.atrium.persistence.jooq.Tables.INVOICE_LINES;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_BLOBS;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_DOCUMENTS;
import static dev.atrium.persistence.jooq.Tables.REQUEST_LOGS;
import static dev.atrium.persistence.jooq.Tables.SUBSCRIPTIONS;
import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static dev.atrium.persistence.jooq.Tables.TENANT_PLUGINS;
import static dev.atrium.persistence.jooq.Tables.TENANT_RETENTION;
import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_EVENTS;
import static dev.atrium.persistence.jooq.Tables.USAGE_HOURLY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_HOURLY;
import static dev.atrium.persistence.jooq.Tables.USERS;
import static dev.atrium.persistence.jooq.Tables.WEBHOOK_DELIVERIES;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Every table that holds a tenant's rows, and the one place that says which rows of each are the
 * tenant's: by {@code tenant_id}, invoice lines by their invoice, the tenant by its id. The order
 * deletes children before the rows their foreign keys name. A test checks that every table with a
 * {@code tenant_id} column is listed here, so a new tenant-owned table cannot be forgotten by
 * export and deletion.
 */
public final class TenantTables {
  /** Children first: deleting in this order never breaks a foreign key. */
  public static final List<Table<?>> OWNED =
      List.of(
          INVOICE_LINES,
          INVOICES,
          WEBHOOK_DELIVERIES,
          BUDGET_ALERTS,
          BUDGETS,
          REQUEST_LOGS,
          SUBSCRIPTIONS,
          USAGE_EVENTS,
          USAGE_HOURLY,
          USAGE_DAILY,
          USAGE_METER_HOURLY,
          USAGE_METER_DAILY,
          TENANT_PLUGINS,
          TENANT_RETENTION,
          PLUGIN_DOCUMENTS,
          PLUGIN_BLOBS,
          IDEMPOTENT_REQUESTS,
          API_KEYS,
          AUDIT_EVENTS,
          USERS,
          TENANTS);

  /** The usage tables the ledger writes to in the background, without foreign keys. */
  public static final List<Table<?>> USAGE =
      List.of(USAGE_EVENTS, USAGE_HOURLY, USAGE_DAILY, USAGE_METER_HOURLY, USAGE_METER_DAILY);

  private final DSLContext dsl;

  public TenantTables(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /** The condition that selects the tenant's rows of {@code table}, one of {@link #OWNED}. */
  public static Condition owned(Table<?> table, UUID tenantId) {
    requireNonNull(tenantId, "tenantId is null");
    if (table == TENANTS) {
      return TENANTS.ID.eq(tenantId);
    }
    if (table == INVOICE_LINES) {
      return INVOICE_LINES.INVOICE_ID.in(
          DSL.select(INVOICES.ID).from(INVOICES).where(INVOICES.TENANT_ID.eq(tenantId)));
    }
    if (!OWNED.contains(table)) {
      throw new IllegalArgumentException(table.getName() + " is not a tenant-owned table");
    }
    return table.field("tenant_id", UUID.class).eq(tenantId);
  }

  /** Rows of the tenant per table, in {@link #OWNED} order. */
  public Map<String, Integer> count(UUID tenantId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Table<?> table : OWNED) {
      counts.put(table.getName(), dsl.fetchCount(table, owned(table, tenantId)));
    }
    return counts;
  }

  /** Deletes the tenant's rows of {@code tables} (in that order); the rows deleted per table. */
  public Map<String, Integer> delete(UUID tenantId, List<Table<?>> tables) {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (Table<?> table : tables) {
      deleted.put(table.getName(), dsl.deleteFrom(table).where(owned(table, tenantId)).execute());
    }
    return deleted;
  }

  /**
   * Hands the tenant's rows of {@code table} to {@code row} one at a time, in primary-key order.
   */
  public void forEach(Table<?> table, UUID tenantId, Consumer<Record> row) {
    var select = dsl.selectFrom(table).where(owned(table, tenantId));
    var ordered =
        table.getPrimaryKey() == null
            ? select
            : select.orderBy(table.getPrimaryKey().getFields().toArray(new Field<?>[0]));
    try (var cursor = ordered.fetchSize(500).fetchLazy()) {
      cursor.forEach(row);
    }
  }
}
