package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.UsageRecorder;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.persistence.billing.UsageRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Usage recorded in the ledger, summed over time, meters or keys for the usage pages. */
public final class UsageReports {
  private final Db db;
  private final UsageRecorder recorder;

  public UsageReports(Db db, UsageRecorder recorder) {
    this.db = requireNonNull(db, "db is null");
    this.recorder = requireNonNull(recorder, "recorder is null");
  }

  /**
   * The usage of {@code tenantId} (null: every tenant) in [from, to), grouped {@code by}, with
   * everything acknowledged so far: the ledger's journal is moved first (not tried while the
   * database is unreachable, see {@link Db#guard}), its callbacks on {@code context}.
   */
  public Future<List<UsageGroup>> report(
      UUID tenantId, OffsetDateTime from, OffsetDateTime to, UsageGrouping by, Context context) {
    return db.guard(recorder::flush, context)
        .compose(v -> db.read(dsl -> new UsageRepository(dsl).report(tenantId, from, to, by)));
  }
}
