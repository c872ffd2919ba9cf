package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One tenant's online features: accounts ({@link EntityState}), devices and merchants ({@link
 * CounterpartyState}) kept in memory, each locked while one payment reads and updates it (so
 * concurrent payments of one account count exactly), loaded from the tenant's document store on
 * first use and written back behind the requests by {@link #flush()} (the plugin flushes every
 * {@code stateFlushMillis} and on close), so a restart continues where the last flush left off.
 */
final class FeatureStore {
  static final String COLLECTION = "state";
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final int FLUSH_CHUNK = 256;

  /**
   * How often an entity that keeps changing is rewritten by the regular flush; one that has not
   * changed for a second is written by the next flush.
   */
  static final Duration REWRITE_INTERVAL = Duration.ofSeconds(30);

  private final DocumentStore documents;
  private final Map<String, CompletableFuture<StoredState>> entities = new ConcurrentHashMap<>();

  FeatureStore(DocumentStore documents) {
    this.documents = documents;
  }

  /**
   * Computes the payment's features and records it, unless its id was already recorded for the
   * account (a retry: same features, nothing counted twice).
   */
  double[] observe(Transaction txn) {
    double[] f = new double[Feature.ALL.size()];
    long at = txn.timestamp().toEpochMilli();
    int hour = txn.timestamp().atZone(ZoneOffset.UTC).getHour();
    f[Feature.AMOUNT.ordinal()] = txn.amount();
    f[Feature.HOUR_OF_DAY.ordinal()] = hour;
    EntityState account = entity("a:" + txn.account(), EntityState::fromJson, EntityState::new);
    boolean fresh;
    synchronized (account) {
      fresh = !account.contains(txn.id());
      accountFeatures(account, txn, at, hour, fresh, f);
    }
    if (!txn.device().isEmpty()) {
      CounterpartyState device =
          entity("d:" + txn.device(), CounterpartyState::fromJson, CounterpartyState::new);
      synchronized (device) {
        if (fresh) {
          device.record(at, txn.amount(), txn.account());
        }
        f[Feature.DEVICE_COUNT_1H.ordinal()] = device.count(at, HOUR);
        f[Feature.DEVICE_COUNT_24H.ordinal()] = device.count(at, EntityState.DAY_MILLIS);
        f[Feature.DEVICE_ACCOUNTS_24H.ordinal()] =
            device.distinctParties(at, EntityState.DAY_MILLIS);
      }
    }
    if (!txn.merchant().isEmpty()) {
      CounterpartyState merchant =
          entity("m:" + txn.merchant(), CounterpartyState::fromJson, CounterpartyState::new);
      synchronized (merchant) {
        double median = median(merchant.amounts());
        f[Feature.MERCHANT_AMOUNT_RATIO.ordinal()] =
            merchant.total() >= 5 && median > 0 ? txn.amount() / median : 1;
        if (fresh) {
          merchant.record(at, txn.amount(), txn.account());
        }
        f[Feature.MERCHANT_COUNT_1H.ordinal()] = merchant.count(at, HOUR);
        f[Feature.MERCHANT_COUNT_24H.ordinal()] = merchant.count(at, EntityState.DAY_MILLIS);
        f[Feature.MERCHANT_ACCOUNTS_24H.ordinal()] =
            merchant.distinctParties(at, EntityState.DAY_MILLIS);
      }
    }
    return f;
  }

  private static void accountFeatures(
      EntityState account, Transaction txn, long at, int hour, boolean fresh, double[] f) {
    double[] history = account.amounts();
    boolean known = account.total() >= 3;
    double median = median(history);
    double mean = Arrays.stream(history).average().orElse(txn.amount());
    double sd =
        Math.sqrt(Arrays.stream(history).map(a -> (a - mean) * (a - mean)).average().orElse(0));
    f[Feature.AMOUNT_ZSCORE.ordinal()] =
        known ? (txn.amount() - mean) / Math.max(sd, Math.max(1, 0.1 * mean)) : 0;
    f[Feature.AMOUNT_TO_MEDIAN.ordinal()] = known && median > 0 ? txn.amount() / median : 1;
    f[Feature.NEW_DEVICE.ordinal()] =
        flag(known && !txn.device().isEmpty() && !account.seenDevice(txn.device()));
    f[Feature.NEW_COUNTRY.ordinal()] =
        flag(known && !txn.country().isEmpty() && !account.seenCountry(txn.country()));
    f[Feature.NEW_MERCHANT.ordinal()] =
        flag(known && !txn.merchant().isEmpty() && !account.seenMerchant(txn.merchant()));
    long hoursSeen = account.hoursTotal();
    f[Feature.UNUSUAL_HOUR.ordinal()] = flag(hoursSeen >= 20 && account.hourCount(hour) == 0);
    if (txn.hasLocation() && !Double.isNaN(account.lastLat())) {
      double km =
          Geo.km(
              account.lastLat(),
              account.lastLon(),
              txn.lat().getAsDouble(),
              txn.lon().getAsDouble());
      double hours = Math.max(Math.abs(at - account.lastMillis()) / 3_600_000.0, 1.0 / 60);
      f[Feature.GEO_KM.ordinal()] = km;
      f[Feature.GEO_SPEED_KMH.ordinal()] = km / hours;
    }
    f[Feature.ACCOUNT_TXNS.ordinal()] = account.total() - (fresh ? 0 : 1);
    f[Feature.SECONDS_SINCE_LAST.ordinal()] =
        account.lastMillis() < 0 ? -1 : Math.max(0, (at - account.lastMillis()) / 1000.0);
    if (fresh) {
      account.record(at, txn.amount(), txn.merchant(), txn.id());
      account.see(txn.device(), txn.country(), txn.merchant(), hour);
      account.moveTo(txn.lat().orElse(Double.NaN), txn.lon().orElse(Double.NaN), at);
    }
    f[Feature.ACCT_COUNT_1M.ordinal()] = account.count(at, MINUTE);
    f[Feature.ACCT_COUNT_1H.ordinal()] = account.count(at, HOUR);
    f[Feature.ACCT_COUNT_24H.ordinal()] = account.count(at, EntityState.DAY_MILLIS);
    f[Feature.ACCT_SUM_1M.ordinal()] = account.sum(at, MINUTE);
    f[Feature.ACCT_SUM_1H.ordinal()] = account.sum(at, HOUR);
    f[Feature.ACCT_SUM_24H.ordinal()] = account.sum(at, EntityState.DAY_MILLIS);
  }

  private static double flag(boolean value) {
    return value ? 1 : 0;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The entity, loaded from the store on first use (one load even under concurrent first use). */
  @SuppressWarnings("unchecked") // each key prefix holds one kind of state
  private <S extends StoredState> S entity(
      String key, Function<JsonObject, S> fromJson, Supplier<S> fresh) {
    CompletableFuture<StoredState> mine = new CompletableFuture<>();
    CompletableFuture<StoredState> existing = entities.putIfAbsent(key, mine);
    if (existing != null) {
      return (S) existing.join();
    }
    try {
      mine.complete(
          documents
              .get(COLLECTION, key)
              .await()
              .map(Document::data)
              .map(fromJson)
              .orElseGet(fresh));
    } catch (RuntimeException e) {
      entities.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    return (S) mine.join();
  }

  /**
   * Writes every entity changed since it was last written, except those still changing that were
   * written less than {@code interval} ago (a busy account's day of payments is rewritten at most
   * that often, not at every flush, and at the first flush after a quiet second); answers how many.
   * Blocks; throws when a write failed, and the entities not written stay changed, so a later flush
   * writes them.
   */
  int flush(Duration interval) {
    Map<String, JsonObject> chunk = new LinkedHashMap<>();
    List<StoredState> chunkStates = new ArrayList<>();
    int written = 0;
    long now = System.nanoTime();
    for (var entry : entities.entrySet()) {
      StoredState state = entry.getValue().getNow(null);
      if (state == null) {
        continue;
      }
      JsonObject json;
      synchronized (state) {
        json = state.toWrite(now, interval.toNanos());
      }
      if (json == null) {
        continue;
      }
      chunk.put(entry.getKey(), json);
      chunkStates.add(state);
      written++;
      if (chunk.size() == FLUSH_CHUNK) {
        write(chunk, chunkStates);
      }
    }
    write(chunk, chunkStates);
    return written;
  }

  /**
   * Stores {@code chunk} in one transaction and empties it. toWrite counted its entities as
   * written, so that payments arriving meanwhile mark them changed again; a write that fails leaves
   * them to the next flush.
   */
  private void write(Map<String, JsonObject> chunk, List<StoredState> states) {
    if (chunk.isEmpty()) {
      return;
    }
    try {
      documents.putAll(COLLECTION, chunk).await();
    } catch (RuntimeException e) {
      for (StoredState state : states) {
        synchronized (state) {
          state.writeFailed();
        }
      }
      throw e;
    } finally {
      chunk.clear();
      states.clear();
    }
  }
}
