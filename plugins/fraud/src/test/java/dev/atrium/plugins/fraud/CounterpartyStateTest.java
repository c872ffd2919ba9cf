package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A busy merchant's state stays bounded: its counts come from per-minute counters, so a day of
 * heavy traffic neither slows scoring nor outgrows the document store's 1 MiB limit.
 */
final class CounterpartyStateTest {
  private static final long HOUR = 3_600_000L;
  private static final long START = 1_780_000_040_000L; // a whole minute plus 20 s

  @Test
  void aMerchantTakingTwoHundredThousandPaymentsADayStaysSmallAndCountsThemAll() {
    CounterpartyState merchant = new CounterpartyState();
    int payments = 200_000;
    long spacing = EntityState.DAY_MILLIS / payments; // 432 ms
    for (int i = 0; i < payments; i++) {
      merchant.record(START + i * spacing, 20 + i % 7, "acct-" + (i % 12_000));
    }
    long last = START + (payments - 1) * spacing;

    assertThat(merchant.count(last, EntityState.DAY_MILLIS)).isBetween(payments - 140, payments);
    assertThat(merchant.count(last, HOUR)).isBetween(8_200, 8_400); // 3,600 s / 0.432 s = 8,333
    assertThat(merchant.distinctParties(last, EntityState.DAY_MILLIS))
        .isEqualTo(CounterpartyState.MAX_PARTIES);
    String stored = merchant.toJson().encode();
    assertThat(stored.length()).isLessThan(200_000);

    CounterpartyState restored = CounterpartyState.fromJson(new JsonObject(stored));
    assertThat(restored.count(last, EntityState.DAY_MILLIS))
        .isEqualTo(merchant.count(last, EntityState.DAY_MILLIS));
    assertThat(restored.count(last, HOUR)).isEqualTo(merchant.count(last, HOUR));
    assertThat(restored.distinctParties(last, EntityState.DAY_MILLIS))
        .isEqualTo(CounterpartyState.MAX_PARTIES);
    assertThat(restored.total()).isEqualTo(payments);
    assertThat(restored.toWrite(System.nanoTime(), 0)).as("unchanged since read").isNull();
  }

  @Test
  void countsAreByMinuteAndTheWindowForgetsWhatIsOlderThanADay() {
    CounterpartyState device = new CounterpartyState();
    device.record(START, 10, "a");
    device.record(START + 45_000, 10, "b"); // the next minute
    device.record(START + 2 * HOUR, 10, "a");

    assertThat(device.count(START + 2 * HOUR, HOUR)).isEqualTo(1);
    assertThat(device.count(START + 2 * HOUR, EntityState.DAY_MILLIS)).isEqualTo(3);
    assertThat(device.count(START + 45_000, 60_000)).isEqualTo(1);
    assertThat(device.distinctParties(START + 2 * HOUR, EntityState.DAY_MILLIS)).isEqualTo(2);

    long nextDay = START + 2 * HOUR + EntityState.DAY_MILLIS - 60_000;
    device.record(nextDay, 10, "c");
    assertThat(device.count(nextDay, EntityState.DAY_MILLIS)).isEqualTo(2);
    assertThat(device.distinctParties(nextDay, EntityState.DAY_MILLIS)).isEqualTo(2); // a, c
  }

  @Test
  void aLatePaymentIsCountedInItsOwnMinuteAndTooLateOnesAreNot() {
    CounterpartyState merchant = new CounterpartyState();
    merchant.record(START + HOUR, 10, "a");
    merchant.record(START, 10, "b"); // an hour late: still within the day
    merchant.record(START + HOUR - EntityState.DAY_MILLIS, 10, "c"); // more than a day late

    assertThat(merchant.count(START + HOUR, EntityState.DAY_MILLIS)).isEqualTo(2);
    assertThat(merchant.count(START, 60_000)).isEqualTo(1);
    assertThat(merchant.distinctParties(START, HOUR)).isEqualTo(1); // b only
    assertThat(merchant.total()).isEqualTo(3);
  }

  @Test
  void stateStoredAsAnExactEventWindowByAnEarlierVersionIsRead() {
    JsonObject legacy =
        new JsonObject()
            .put(
                "events",
                new JsonArray()
                    .add(new JsonArray().add(START).add(12.5).add("a").add("t1"))
                    .add(new JsonArray().add(START + 1_000).add(7.5).add("b").add("t2")))
            .put("amounts", new JsonArray().add(12.5).add(7.5))
            .put("total", 42);

    CounterpartyState state = CounterpartyState.fromJson(legacy);

    assertThat(state.count(START + 1_000, HOUR)).isEqualTo(2);
    assertThat(state.distinctParties(START + 1_000, EntityState.DAY_MILLIS)).isEqualTo(2);
    assertThat(state.total()).isEqualTo(42);
    assertThat(state.amounts()).containsExactly(12.5, 7.5);
  }

  @Test
  void aBusyEntryIsRewrittenAtMostOncePerIntervalAndItsLastChangeIsNotLost() {
    long interval = 5_000_000_000L;
    long now = 1_000_000_000_000L;
    CounterpartyState merchant = new CounterpartyState();
    merchant.record(START, 10, "a");
    assertThat(merchant.toWrite(now, interval)).isNotNull();

    merchant.record(START + 1_000, 10, "b");
    assertThat(merchant.toWrite(now + 1_000_000_000L, interval)).as("1 s later").isNull();
    JsonObject later = merchant.toWrite(now + interval, interval);
    assertThat(later).as("5 s later").isNotNull();
    assertThat(CounterpartyState.fromJson(later).total()).isEqualTo(2);
    assertThat(merchant.toWrite(now + 2 * interval, interval)).as("unchanged").isNull();

    merchant.record(START + 2_000, 10, "c");
    JsonObject onClose = merchant.toWrite(now + interval + 1, 0);
    assertThat(CounterpartyState.fromJson(onClose).total()).isEqualTo(3);
  }
}
