package dev.atrium.billing;

import static dev.atrium.persistence.jooq.Tables.COMMIT_BARRIER;

import dev.atrium.persistence.Database;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The process {@link PersistCommitsKillTest} kills: on an H2 database opened with {@code
 * RETENTION_TIME=0} (space of superseded chunks reused at once), rewrites one row a few thousand
 * times so the file has free space in its middle, then commits {@link #TENANTS} tenants one by one,
 * calls {@link Database#persistCommits} if told to, prints {@code DONE} and waits to be killed.
 * Arguments: database URL, {@code persist} or {@code commit-only}.
 */
public final class PersistCommitsKillChild {
  static final int TENANTS = 5;

  private PersistCommitsKillChild() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.open(args[0], "postgres", "postgres", 2);
    for (int n = 0; n < 3_000; n++) {
      database
          .dsl()
          .update(COMMIT_BARRIER)
          .set(COMMIT_BARRIER.WRITES, COMMIT_BARRIER.WRITES.plus(1))
          .where(COMMIT_BARRIER.ID.eq(1))
          .execute();
    }
    for (int n = 0; n < TENANTS; n++) {
      TestDatabases.tenant(database, OffsetDateTime.of(2027, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }
    if (args[1].equals("persist")) {
      database.persistCommits();
    }
    System.out.println("DONE");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
