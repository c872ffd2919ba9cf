package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the features remember about one account: its payments of the last 24 hours (time, amount,
 * merchant, id), its recent amounts, what it has been seen with, its hours and its last location.
 * Not thread-safe: {@link FeatureStore} locks it while reading and recording one payment, which
 * keeps concurrent velocity counts exact. (Devices and merchants, which can take far more payments,
 * keep per-minute counts instead: {@link CounterpartyState}.)
 */
final class EntityState extends StoredState {
  static final long DAY_MILLIS = 24 * 3600_000L;
  private static final int AMOUNTS = 100;
  private static final int MAX_SEEN = 200;

  /** Payments kept per window, so the stored state stays far below the store's 1 MiB limit. */
  static final int MAX_EVENTS = 5_000;

  private final List<Event> events = new ArrayList<>();
  private final double[] amounts = new double[AMOUNTS];
  private int amountCount;
  private long total;
  private final Set<String> devices = new LinkedHashSet<>();
  private final Set<String> countries = new LinkedHashSet<>();
  private final Set<String> merchants = new LinkedHashSet<>();
  private final int[] hours = new int[24];
  private double lastLat = Double.NaN;
  private double lastLon = Double.NaN;
  private long lastMillis = -1;

  /** One payment in the window. */
  record Event(long millis, double amount, String party, String id) {}

  boolean contains(String id) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Payments with time in {@code (at - window, at]}. */
  int count(long at, long window) {
    int n = 0;
    for (Event e : events) {
      if (e.millis() > at - window && e.millis() <= at) {
        n++;
      }
    }
    return n;
  }

  double sum(long at, long window) {
    double sum = 0;
    for (Event e : events) {
      if (e.millis() > at - window && e.millis() <= at) {
        sum += e.amount();
      }
    }
    return sum;
  }

  /** Adds a payment to the window (kept in time order) and drops what fell out of 24 hours. */
  void record(long millis, double amount, String party, String id) {
    int i = events.size();
    while (i > 0 && events.get(i - 1).millis() > millis) {
      i--;
    }
    events.add(i, new Event(millis, amount, party, id));
    long newest = events.get(events.size() - 1).millis();
    events.removeIf(e -> e.millis() <= newest - DAY_MILLIS);
    if (events.size() > MAX_EVENTS) {
      events.subList(0, events.size() - MAX_EVENTS).clear();
    }
    amounts[(int) (total % AMOUNTS)] = amount;
    amountCount = Math.min(AMOUNTS, amountCount + 1);
    total++;
    changed();
  }

  long total() {
    return total;
  }

  /** The recent amounts (at most 100), in no order. */
  double[] amounts() {
    return Arrays.copyOf(amounts, amountCount);
  }

  boolean seenDevice(String device) {
    return devices.contains(device);
  }

  boolean seenCountry(String country) {
    return countries.contains(country);
  }

  boolean seenMerchant(String merchant) {
    return merchants.contains(merchant);
  }

  void see(String device, String country, String merchant, int hour) {
    remember(devices, device);
    remember(countries, country);
    remember(merchants, merchant);
    hours[hour]++;
  }

  private static void remember(Set<String> seen, String value) {
    if (!value.isEmpty() && seen.add(value) && seen.size() > MAX_SEEN) {
      seen.remove(seen.iterator().next());
    }
  }

  int hourCount(int hour) {
    return hours[hour];
  }

  long hoursTotal() {
    long n = 0;
    for (int h : hours) {
      n += h;
    }
    return n;
  }

  double lastLat() {
    return lastLat;
  }

  double lastLon() {
    return lastLon;
  }

  long lastMillis() {
    return lastMillis;
  }

  void moveTo(double lat, double lon, long millis) {
    if (!Double.isNaN(lat)) {
      lastLat = lat;
      lastLon = lon;
    }
    lastMillis = Math.max(lastMillis, millis);
  }

  @Override
  JsonObject toJson() {
    JsonArray window = new JsonArray();
    for (Event e : events) {
      window.add(new JsonArray().add(e.millis()).add(e.amount()).add(e.party()).add(e.id()));
    }
    JsonArray recent = new JsonArray();
    for (int i = 0; i < amountCount; i++) {
      recent.add(amounts[i]);
    }
    JsonArray hourCounts = new JsonArray();
    for (int h : hours) {
      hourCounts.add(h);
    }
    JsonObject json =
        new JsonObject()
            .put("events", window)
            .put("amounts", recent)
            .put("total", total)
            .put("devices", new JsonArray(new ArrayList<>(devices)))
            .put("countries", new JsonArray(new ArrayList<>(countries)))
            .put("merchants", new JsonArray(new ArrayList<>(merchants)))
            .put("hours", hourCounts)
            .put("lastMillis", lastMillis);
    if (!Double.isNaN(lastLat)) {
      json.put("lastLat", lastLat).put("lastLon", lastLon);
    }
    return json;
  }

  static EntityState fromJson(JsonObject json) {
    EntityState state = new EntityState();
    for (Object item : json.getJsonArray("events")) {
      JsonArray e = (JsonArray) item;
      state.events.add(new Event(e.getLong(0), e.getDouble(1), e.getString(2), e.getString(3)));
    }
    JsonArray recent = json.getJsonArray("amounts");
    for (int i = 0; i < recent.size(); i++) {
      state.amounts[i] = recent.getDouble(i);
    }
    state.amountCount = recent.size();
    state.total = json.getLong("total");
    json.getJsonArray("devices").forEach(d -> state.devices.add((String) d));
    json.getJsonArray("countries").forEach(c -> state.countries.add((String) c));
    json.getJsonArray("merchants").forEach(m -> state.merchants.add((String) m));
    JsonArray hourCounts = json.getJsonArray("hours");
    for (int h = 0; h < 24; h++) {
      state.hours[h] = hourCounts.getInteger(h);
    }
    state.lastMillis = json.getLong("lastMillis");
    state.lastLat = json.getDouble("lastLat", Double.NaN);
    state.lastLon = json.getDouble("lastLon", Double.NaN);
    return state;
  }
}
