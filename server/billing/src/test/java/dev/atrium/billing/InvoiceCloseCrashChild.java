package dev.atrium.billing;

import dev.atrium.persistence.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The process {@link InvoiceCloseCrashTest} kills: starts closing the month in the background and
 * prints {@code DONE <n>} each time the close's progress moves, as the operator's progress poll
 * would see it. Arguments: database URL, journal directory.
 */
public final class InvoiceCloseCrashChild {
  private InvoiceCloseCrashChild() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.open(args[0], "postgres", "postgres", 4);
    Billing billing =
        new Billing(
            database,
            InvoiceCloseCrashTest.settings(Path.of(args[1])),
            Clock.fixed(InvoiceCloseCrashTest.AFTER_THE_MONTH.toInstant(), ZoneOffset.UTC),
            w -> {});
    BillingPeriod period = BillingPeriod.parse(InvoiceCloseCrashTest.PERIOD);
    billing.invoiceClose().start(period, false);
    int last = -1;
    while (true) {
      CloseProgress progress = billing.invoiceClose().progress(period).orElseThrow();
      if (progress.tenantsDone() != last) {
        last = progress.tenantsDone();
        System.out.println("DONE " + last);
        System.out.flush();
      }
      Thread.sleep(2);
    }
  }
}
