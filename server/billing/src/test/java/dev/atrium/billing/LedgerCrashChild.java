package dev.atrium.billing;

import dev.atrium.persistence.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link LedgerCrashTest} kills: appends events {@code k0..k<total-1>} from several
 * threads, each waiting for one acknowledgement before its next append, and prints {@code ACK k<n>}
 * for each one the ledger acknowledged, which is what a server would answer the client. Arguments:
 * database URL, tenant, total, journal file.
 */
public final class LedgerCrashChild {
  private LedgerCrashChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    UUID tenant = UUID.fromString(args[1]);
    int total = Integer.parseInt(args[2]);
    Path journal = Path.of(args[3]);
    Database database = Database.open(url, "postgres", "postgres", 4);
    UsageLedger ledger =
        new UsageLedger(database, journal, 500, Duration.ofMillis(50), (batch, stored) -> {});
    AtomicInteger next = new AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                      String key = "k" + n;
                      // Like a request handler: the answer waits for the acknowledgement.
                      ledger.append(LedgerCrashTest.event(tenant, key)).join();
                      synchronized (System.out) {
                        System.out.println("ACK " + key);
                        System.out.flush();
                      }
                    }
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    Thread.sleep(60_000); // wait to be killed
  }

  static OffsetDateTime at() {
    return OffsetDateTime.of(2027, 3, 10, 12, 0, 0, 0, ZoneOffset.UTC);
  }
}
