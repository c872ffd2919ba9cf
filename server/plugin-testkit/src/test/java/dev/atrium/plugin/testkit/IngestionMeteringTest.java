package dev.atrium.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.knowledge.KnowledgeLimits;
import dev.atrium.knowledge.StoredKnowledgeBase;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeUpload;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A document is shown {@code ready} only once the embedding its ingestion computed is recorded for
 * billing: a process killed (or stopped) in between leaves it failed as interrupted, billed for
 * what was computed, never ready and unbilled.
 */
final class IngestionMeteringTest {

  @Test
  void aDocumentIsReadyOnlyOnceItsEmbeddingIsRecorded() throws Exception {
    try (TestingPluginContext context = new TestingPluginContext("kb-metering-test")) {
      String tenant = TestingPluginContext.newTenantId();
      CountDownLatch recording = new CountDownLatch(1);
      Promise<Void> recorded = Promise.promise();
      KnowledgeBase kb =
          new StoredKnowledgeBase(
              "faq",
              context.tenant(tenant),
              context.inference(),
              context.models(),
              context.scheduler(),
              (tenantId, meter, quantity, key) -> {
                assertThat(meter).isEqualTo(StoredKnowledgeBase.EMBEDDING_TOKENS);
                assertThat(quantity).isPositive();
                recording.countDown();
                return recorded.future(); // held: the usage ledger has not made it durable yet
              },
              KnowledgeLimits.DEFAULTS);
      kb.ingest(
              new KnowledgeUpload(
                  Optional.of("policies"),
                  "policies.md",
                  "text/markdown",
                  Buffer.buffer("# Returns\n\nAny product may be returned within 30 days.")))
          .await();

      assertThat(recording.await(20, TimeUnit.SECONDS)).as("the embedding is metered").isTrue();
      assertThat(kb.document("policies").await().orElseThrow().status())
          .as("not ready while its usage is not recorded")
          .isEqualTo("ingesting");

      recorded.complete();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!kb.document("policies").await().orElseThrow().status().equals("ready")) {
        assertThat(System.nanoTime()).as("ready once recorded").isLessThan(end);
        Thread.sleep(20);
      }
    }
  }
}
