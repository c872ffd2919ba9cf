package dev.atrium.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeDocument;
import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.KnowledgeUpload;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.VectorFilter;
import dev.atrium.plugin.api.VectorIndex;
import dev.atrium.plugin.api.VectorMatch;
import dev.atrium.plugin.runtime.safety.HostTextSafety;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The testkit's services behave like the host's, with no server and no model. */
final class TestingPluginContextTest {
  private static final String FAQ =
      """
      # Returns

      You can return any product within 30 days of delivery for a full refund.

      # Delivery

      Orders ship within two working days and arrive by courier.
      """;

  @Test
  void textSafetyIsTheHostsOwn() {
    try (TestingPluginContext context = new TestingPluginContext("safety-test")) {
      assertThat(context.textSafety()).isInstanceOf(HostTextSafety.class);
      assertThat(context.textSafety().redact("手机13812345678，卡号4111111111111111").text())
          .isEqualTo("手机[PHONE]，卡号[CARD]");
    }
  }

  @Test
  void knowledgeBaseIngestsInAJobAndFindsTheRightPassage() throws Exception {
    try (TestingPluginContext context = new TestingPluginContext("kb-test")) {
      String tenant = TestingPluginContext.newTenantId();
      KnowledgeBase kb = context.tenant(tenant).knowledge("faq");

      KnowledgeDocument started =
          kb.ingest(
                  new KnowledgeUpload(
                      Optional.of("policies"), "policies.md", "text/markdown", Buffer.buffer(FAQ)))
              .await();
      assertThat(started.status()).isEqualTo("ingesting");
      awaitJob(context, started.jobId().orElseThrow());

      assertThat(kb.document("policies").await().orElseThrow().status()).isEqualTo("ready");
      List<KnowledgeHit> hits =
          kb.search("how many days to return a product for a refund", 2).await();
      assertThat(hits).isNotEmpty();
      assertThat(hits.get(0).text()).contains("30 days");
      assertThat(
              context
                  .tenant(TestingPluginContext.newTenantId())
                  .knowledge("faq")
                  .documents()
                  .await())
          .isEmpty();
    }
  }

  @Test
  void anIngestionCutShortByARestartIsReportedFailedNotIngestingForever() {
    try (TestingPluginContext context = new TestingPluginContext("kb-restart-test")) {
      String tenant = TestingPluginContext.newTenantId();
      // What a process killed during an ingestion leaves: the record says ingesting, under a job
      // that no scheduler of this process knows.
      context
          .tenant(tenant)
          .documents()
          .put(
              "kb-faq-documents",
              "policies",
              new JsonObject()
                  .put("title", "Policies")
                  .put("fileName", "policies.md")
                  .put("format", "markdown")
                  .put("status", "ingesting")
                  .put("jobId", "job-of-the-killed-process"))
          .await();
      KnowledgeBase kb = context.tenant(tenant).knowledge("faq");

      KnowledgeDocument listed = kb.documents().await().getFirst();
      assertThat(listed.status()).isEqualTo("failed");
      assertThat(listed.error().orElseThrow()).contains("interrupted");
      assertThat(kb.document("policies").await().orElseThrow().status()).isEqualTo("failed");
    }
  }

  @Test
  void vectorIndexIsARealNearestNeighbourIndexPerTenantAndCollection() {
    try (TestingPluginContext context = new TestingPluginContext("vectors-test")) {
      TenantServices tenant = context.tenant(TestingPluginContext.newTenantId());
      VectorIndex index = tenant.vectors("items");
      index.upsert("cat", HashingEmbeddings.embed("a small cat"), Map.of("kind", "animal")).await();
      index.upsert("car", HashingEmbeddings.embed("a fast car"), Map.of("kind", "vehicle")).await();

      List<VectorMatch> nearest =
          index.search(HashingEmbeddings.embed("cat"), 1, VectorFilter.none()).await();
      assertThat(nearest).extracting(VectorMatch::id).containsExactly("cat");
      assertThat(
              index
                  .search(HashingEmbeddings.embed("cat"), 5, VectorFilter.eq("kind", "vehicle"))
                  .await())
          .extracting(VectorMatch::id)
          .containsExactly("car");
      assertThat(tenant.vectors("other").count().await()).isZero();
      assertThat(
              context.tenant(TestingPluginContext.newTenantId()).vectors("items").count().await())
          .isZero();
    }
  }

  @Test
  void storesKeepTheHostsRules() {
    try (TestingPluginContext context = new TestingPluginContext("stores-test")) {
      TenantServices tenant = context.tenant(TestingPluginContext.newTenantId());
      tenant.documents().put("notes", "a/1", new JsonObject().put("n", 1)).await();
      tenant.documents().put("notes", "a/2", new JsonObject().put("n", 2)).await();
      tenant.documents().put("notes", "b/1", new JsonObject().put("n", 3)).await();

      assertThat(tenant.documents().list("notes", "a/", "a/1", 10).await())
          .extracting(d -> d.id())
          .containsExactly("a/2");
      assertThat(tenant.documents().deleteAll("notes", "a/").await()).isEqualTo(2);
      assertThat(tenant.documents().put("Bad Name", "x", new JsonObject()).failed()).isTrue();
      assertThat(
              tenant
                  .documents()
                  .putAll(
                      "notes", Map.of("b/1", new JsonObject().put("n", 4), "c/1", new JsonObject()))
                  .await())
          .isEqualTo(2);
      assertThat(
              tenant.documents().get("notes", "b/1").await().orElseThrow().data().getInteger("n"))
          .isEqualTo(4);
      Map<String, JsonObject> badId = new LinkedHashMap<>();
      badId.put("d/1", new JsonObject());
      badId.put("x".repeat(257), new JsonObject());
      assertThat(tenant.documents().putAll("notes", badId).failed()).isTrue();
      assertThat(tenant.documents().get("notes", "d/1").await()).isEmpty();

      tenant
          .blobs()
          .put("model.bin", Buffer.buffer(new byte[] {1, 2}), "application/octet-stream")
          .await();
      assertThat(tenant.blobs().get("model.bin").await().orElseThrow().content().length())
          .isEqualTo(2);
      assertThat(
              tenant
                  .blobs()
                  .put(
                      "huge",
                      Buffer.buffer(new byte[(int) TestingPluginContext.MAX_BLOB_BYTES + 1]),
                      "application/octet-stream")
                  .failed())
          .isTrue();
    }
  }

  private static void awaitJob(TestingPluginContext context, String jobId) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(20));
    JobStatus status = context.scheduler().status(jobId).orElseThrow();
    while (status.state() == JobStatus.State.RUNNING) {
      assertThat(Instant.now()).as("job still running").isBefore(end);
      Thread.sleep(20);
      status = context.scheduler().status(jobId).orElseThrow();
    }
    assertThat(status.state()).as(status.error().orElse("")).isEqualTo(JobStatus.State.SUCCEEDED);
  }

  @Test
  void aJobCancelledBeforeItsThreadRunsItEndsCancelled() throws Exception {
    try (TestingPluginContext context = new TestingPluginContext("jobs")) {
      String tenant = TestingPluginContext.newTenantId();
      for (int i = 0; i < 200; i++) {
        JobStatus job = context.scheduler().submit(tenant, "short", progress -> {});
        context.scheduler().cancel(job.id());
        JobStatus status = job;
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (status.state() == JobStatus.State.RUNNING && Instant.now().isBefore(until)) {
          Thread.onSpinWait();
          status = context.scheduler().status(job.id()).orElseThrow();
        }
        assertThat(status.state()).as("job " + i).isNotEqualTo(JobStatus.State.RUNNING);
      }
    }
  }
}
