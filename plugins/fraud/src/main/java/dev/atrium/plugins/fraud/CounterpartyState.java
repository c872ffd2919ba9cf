package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * What the features remember about a device or a merchant: payments per minute over the last 24
 * hours, when each account was last seen with it (the {@value #MAX_PARTIES} most recent), its
 * recent amounts and how many payments it ever took. Bounded whatever the traffic: a merchant
 * taking a million payments a day keeps 1,440 counters, not a million events, so scoring at it
 * costs the same and its stored state stays small. Counts are at minute resolution: a payment is in
 * a window when its minute is. Not thread-safe: {@link FeatureStore} locks it while one payment
 * reads and updates it.
 */
final class CounterpartyState extends StoredState {
  static final int MAX_PARTIES = 5_000;
  private static final int MINUTES = 24 * 60;
  private static final long MINUTE_MILLIS = 60_000L;
  private static final int AMOUNTS = 100;

  /** No minute yet: far enough from Long's ends that a day's arithmetic cannot wrap. */
  private static final long NONE = Long.MIN_VALUE / 4;

  /** The minute each slot counts (epoch minutes; slot = minute mod 1,440), and its count. */
  private final long[] slotMinute = new long[MINUTES];

  private final int[] slotCount = new int[MINUTES];
  private long newestMinute = NONE;

  /** Account -> when last seen, oldest first (access order). */
  private final LinkedHashMap<String, Long> parties = new LinkedHashMap<>(16, 0.75f, true);

  private long newestSeen = NONE;

  private final double[] amounts = new double[AMOUNTS];
  private int amountCount;
  private long total;

  CounterpartyState() {
    Arrays.fill(slotMinute, NONE);
  }

  /** Counts a payment at {@code millis} of {@code amount} with {@code party}. */
  void record(long millis, double amount, String party) {
    countIn(Math.floorDiv(millis, MINUTE_MILLIS));
    if (!party.isEmpty()) {
      Long seen = parties.get(party);
      parties.put(party, seen == null ? millis : Math.max(seen, millis));
      newestSeen = Math.max(newestSeen, millis);
      if (parties.size() > MAX_PARTIES) {
        Iterator<String> oldest = parties.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
    amounts[(int) (total % AMOUNTS)] = amount;
    amountCount = Math.min(AMOUNTS, amountCount + 1);
    total++;
    changed();
  }

  /** Counts a payment in its minute, unless that minute fell out of the day the slots hold. */
  private void countIn(long minute) {
    int slot = (int) Math.floorMod(minute, MINUTES);
    if (minute <= newestMinute - MINUTES || slotMinute[slot] > minute) {
      return;
    }
    if (slotMinute[slot] != minute) {
      slotMinute[slot] = minute;
      slotCount[slot] = 0;
    }
    slotCount[slot]++;
    newestMinute = Math.max(newestMinute, minute);
  }

  /** Payments whose minute lies in the {@code window} ending with the minute of {@code at}. */
  int count(long at, long window) {
    long last = Math.floorDiv(at, MINUTE_MILLIS);
    long first = last - Math.min(MINUTES, window / MINUTE_MILLIS) + 1;
    int n = 0;
    for (long minute = first; minute <= last; minute++) {
      int slot = (int) Math.floorMod(minute, MINUTES);
      if (slotMinute[slot] == minute) {
        n += slotCount[slot];
      }
    }
    return n;
  }

  /**
   * Accounts seen in {@code (at - window, at]} (at most {@value #MAX_PARTIES}). For the newest
   * payment (the usual case) the accounts seen before the window are dropped first, oldest first,
   * and the rest counted without a scan.
   */
  int distinctParties(long at, long window) {
    if (at >= newestSeen) {
      Iterator<Long> oldest = parties.values().iterator();
      while (oldest.hasNext() && oldest.next() <= at - window) {
        oldest.remove();
      }
      return parties.size();
    }
    int n = 0;
    for (long seen : parties.values()) {
      if (seen > at - window && seen <= at) {
        n++;
      }
    }
    return n;
  }

  long total() {
    return total;
  }

  /** The recent amounts (at most 100), in no order. */
  double[] amounts() {
    return Arrays.copyOf(amounts, amountCount);
  }

  @Override
  JsonObject toJson() {
    JsonArray minutes = new JsonArray();
    for (int slot = 0; slot < MINUTES; slot++) {
      if (slotMinute[slot] > newestMinute - MINUTES && slotCount[slot] > 0) {
        minutes.add(new JsonArray().add(slotMinute[slot]).add(slotCount[slot]));
      }
    }
    JsonObject seen = new JsonObject();
    parties.forEach(seen::put);
    JsonArray recent = new JsonArray();
    for (int i = 0; i < amountCount; i++) {
      recent.add(amounts[i]);
    }
    return new JsonObject()
        .put("minutes", minutes)
        .put("parties", seen)
        .put("amounts", recent)
        .put("total", total);
  }

  static CounterpartyState fromJson(JsonObject json) {
    CounterpartyState state = new CounterpartyState();
    if (json.containsKey("events")) {
      // Stored by an earlier version as an exact 24-hour window of events.
      for (Object item : json.getJsonArray("events")) {
        JsonArray e = (JsonArray) item;
        state.record(e.getLong(0), e.getDouble(1), e.getString(2));
      }
    } else {
      for (Object item : json.getJsonArray("minutes")) {
        JsonArray m = (JsonArray) item;
        long minute = m.getLong(0);
        int slot = (int) Math.floorMod(minute, MINUTES);
        state.slotMinute[slot] = minute;
        state.slotCount[slot] = m.getInteger(1);
        state.newestMinute = Math.max(state.newestMinute, minute);
      }
      json.getJsonObject("parties")
          .forEach(
              p -> {
                long seen = ((Number) p.getValue()).longValue();
                state.parties.put(p.getKey(), seen);
                state.newestSeen = Math.max(state.newestSeen, seen);
              });
    }
    JsonArray recent = json.getJsonArray("amounts");
    for (int i = 0; i < recent.size(); i++) {
      state.amounts[i] = recent.getDouble(i);
    }
    state.amountCount = recent.size();
    state.total = json.getLong("total");
    return state;
  }
}
