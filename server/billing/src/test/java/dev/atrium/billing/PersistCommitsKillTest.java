package dev.atrium.billing;

import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link Database#persistCommits} guarantees on embedded H2, which the usage ledger relies on
 * before it deletes a journal segment ({@link AppliedSegments}): a process killed with SIGKILL
 * after its last commits returned keeps them only if it called it. The second test shows the H2
 * behaviour it works around (docs/reliability.md): should an H2 upgrade fix that, it fails, and the
 * barrier may go.
 */
final class PersistCommitsKillTest {
  @Test
  void commitsBeforePersistCommitsSurviveAKill() throws Exception {
    assertThat(tenantsAfterKill("persist")).isEqualTo(PersistCommitsKillChild.TENANTS);
  }

  @Test
  void withoutItH2LosesTheLastCommitsOfAnIdleProcess() throws Exception {
    assertThat(tenantsAfterKill("commit-only")).isLessThan(PersistCommitsKillChild.TENANTS);
  }

  private static int tenantsAfterKill(String mode) throws Exception {
    String url = TestDatabases.url(Kind.H2) + ";RETENTION_TIME=0";
    Process child = TestDatabases.child(PersistCommitsKillChild.class, url, mode);
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("DONE");
      child.destroyForcibly(); // SIGKILL: H2 is not closed
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (Database database = Database.open(url, "postgres", "postgres", 2)) {
      return database.dsl().fetchCount(TENANTS);
    }
  }
}
