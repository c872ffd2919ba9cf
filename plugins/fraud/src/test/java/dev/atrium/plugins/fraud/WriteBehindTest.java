package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The write-behind keeps what a failed flush could not store (the database was down) and stores it
 * with the next flush, so a crash later loses at most the last second, not everything since the
 * failure.
 */
final class WriteBehindTest {

  @Test
  void featuresAFlushFailedToStoreAreStoredByTheNextOne() {
    try (TestingPluginContext context = new TestingPluginContext("fraud")) {
      FlakyDocuments store = new FlakyDocuments(tenantDocuments(context));
      FeatureStore features = new FeatureStore(store);
      features.observe(payment("p1"));

      store.down = true;
      assertThatThrownBy(() -> features.flush(Duration.ZERO)).hasMessageContaining("database down");
      store.down = false;
      assertThat(features.flush(FeatureStore.REWRITE_INTERVAL))
          .as("account, device and merchant, though just written")
          .isEqualTo(3);

      // A process started after a crash reads the account back from the store.
      double[] restarted = new FeatureStore(store).observe(payment("p2"));
      assertThat(restarted[Feature.ACCT_COUNT_24H.ordinal()]).isEqualTo(2);
    }
  }

  @Test
  void logEntriesAFlushFailedToStoreAreStoredByTheNextOne() {
    try (TestingPluginContext context = new TestingPluginContext("fraud")) {
      FlakyDocuments store = new FlakyDocuments(tenantDocuments(context));
      TransactionLog log = new TransactionLog(store);
      long now = System.currentTimeMillis();
      log.append(new JsonObject().put("id", "e1").put("t", now));

      store.down = true;
      assertThatThrownBy(log::flush).hasMessageContaining("database down");
      log.append(new JsonObject().put("id", "e2").put("t", now));
      store.down = false;
      assertThat(log.flush()).isEqualTo(2);

      List<String> stored = new ArrayList<>();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      new TransactionLog(store).read(today, today, e -> stored.add(e.getString("id")));
      assertThat(stored).containsExactly("e1", "e2");
    }
  }

  @Test
  void aDeletedTenantsStateInMemoryIsNeverWrittenBack() {
    try (TestingPluginContext context = new TestingPluginContext("fraud")) {
      FraudPlugin plugin = new FraudPlugin(context);
      String deleted = TestingPluginContext.newTenantId();
      String kept = TestingPluginContext.newTenantId();
      plugin.tenant(deleted).features.observe(payment("p1"));
      plugin.tenant(kept).features.observe(payment("p1"));

      // As the host deletes a tenant: its rows, then its jobs (the state writer), then tells.
      DocumentStore deletedDocuments = context.tenant(deleted).documents();
      deletedDocuments.deleteAll(FeatureStore.COLLECTION, "").await();
      context.scheduler().jobs(deleted).forEach(job -> context.scheduler().cancel(job.id()));
      plugin.tenantDeleted(deleted);
      plugin.flushAll();

      assertThat(deletedDocuments.list(FeatureStore.COLLECTION, "", null, 10).await()).isEmpty();
      assertThat(
              context.tenant(kept).documents().list(FeatureStore.COLLECTION, "", null, 10).await())
          .as("account, device and merchant of the tenant that stays")
          .hasSize(3);
      assertThat(
              plugin.tenant(deleted)
                  .features
                  .observe(payment("p2"))[Feature.ACCT_COUNT_24H.ordinal()])
          .as("a tenant id seen again starts from nothing")
          .isEqualTo(1);
      plugin.close();
    }
  }

  private static DocumentStore tenantDocuments(TestingPluginContext context) {
    return context.tenant(TestingPluginContext.newTenantId()).documents();
  }

  private static Transaction payment(String id) {
    return new TransactionParser(Duration.ofMinutes(5))
        .parse(
            new JsonObject()
                .put("id", id)
                .put("amount", 25.0)
                .put("currency", "EUR")
                .put("timestamp", Instant.now().minusSeconds(1).toString())
                .put("account", "acct-1")
                .put("merchant", "m-1")
                .put("device", "d-1"),
            "",
            Instant.now());
  }

  /** A document store whose writes fail while {@code down}, as when the database is away. */
  private static final class FlakyDocuments implements DocumentStore {
    private final DocumentStore store;
    volatile boolean down;

    FlakyDocuments(DocumentStore store) {
      this.store = store;
    }

    @Override
    public Future<Document> put(String collection, String id, JsonObject data) {
      return down
          ? Future.failedFuture(new IllegalStateException("database down"))
          : store.put(collection, id, data);
    }

    @Override
    public Future<Integer> putAll(String collection, Map<String, JsonObject> documents) {
      return down
          ? Future.failedFuture(new IllegalStateException("database down"))
          : store.putAll(collection, documents);
    }

    @Override
    public Future<Optional<Document>> get(String collection, String id) {
      return store.get(collection, id);
    }

    @Override
    public Future<List<Document>> list(
        String collection, String idPrefix, String afterId, int limit) {
      return store.list(collection, idPrefix, afterId, limit);
    }

    @Override
    public Future<Boolean> delete(String collection, String id) {
      return store.delete(collection, id);
    }

    @Override
    public Future<Integer> deleteAll(String collection, String idPrefix) {
      return store.deleteAll(collection, idPrefix);
    }
  }
}
