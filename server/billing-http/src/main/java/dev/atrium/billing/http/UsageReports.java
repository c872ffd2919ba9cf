package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.persistence.billing.UsageRepository;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Usage recorded in the ledger, summed over time, meters or keys for the usage pages. */
public final class UsageReports {
  private final Db db;

  public UsageReports(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  /** The usage of {@code tenantId} (null: every tenant) in [from, to), grouped {@code by}. */
  public Future<List<UsageGroup>> report(
      UUID tenantId, OffsetDateTime from, OffsetDateTime to, UsageGrouping by) {
    return db.read(dsl -> new UsageRepository(dsl).report(tenantId, from, to, by));
  }
}
