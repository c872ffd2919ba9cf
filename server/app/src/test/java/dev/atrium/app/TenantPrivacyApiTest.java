package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static dev.atrium.persistence.jooq.Tables.AUDIT_EVENTS;
import static dev.atrium.persistence.jooq.Tables.BUDGETS;
import static dev.atrium.persistence.jooq.Tables.BUDGET_ALERTS;
import static dev.atrium.persistence.jooq.Tables.IDEMPOTENT_REQUESTS;
import static dev.atrium.persistence.jooq.Tables.INVOICES;
import static dev.atrium.persistence.jooq.Tables.INVOICE_LINES;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_BLOBS;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_DOCUMENTS;
import static dev.atrium.persistence.jooq.Tables.REQUEST_LOGS;
import static dev.atrium.persistence.jooq.Tables.SUBSCRIPTIONS;
import static dev.atrium.persistence.jooq.Tables.TENANT_PLUGINS;
import static dev.atrium.persistence.jooq.Tables.TENANT_RETENTION;
import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_EVENTS;
import static dev.atrium.persistence.jooq.Tables.USAGE_HOURLY;
import static dev.atrium.persistence.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.persistence.TenantTables;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant export and deletion over HTTP, on H2 and PostgreSQL: every tenant-owned table holds rows
 * of the tenants under test (some made through the API, the rest written directly), deletion leaves
 * none of the deleted tenant's and all of the other's, and the export holds the tenant's data and
 * nothing of another tenant.
 */
@ExtendWith(VertxExtension.class)
final class TenantPrivacyApiTest {
  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
  private static TestServer server;
  private static ApiClient api;
  private static DSLContext dsl;
  private static Tenant bystander;

  record Tenant(UUID id, String name, String email, String owner, String developer, String key) {}

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(Map.of("privacy.retention-purge-interval-seconds", "1"));
    api = new ApiClient(vertx, server.port());
    dsl = server.server.database().dsl();
    bystander = populated("Bystander Ltd", "bystander");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyTableWithATenantIdIsExportedAndDeleted() {
    Set<String> withTenantId = new TreeSet<>();
    dsl.meta().getSchemas().stream()
        .filter(s -> s.getName().equalsIgnoreCase("public"))
        .flatMap(s -> s.getTables().stream())
        .filter(t -> t.field("tenant_id") != null)
        .forEach(t -> withTenantId.add(t.getName().toLowerCase()));
    Set<String> owned = new TreeSet<>();
    TenantTables.OWNED.forEach(t -> owned.add(t.getName()));
    assertThat(withTenantId).isNotEmpty();
    assertThat(owned).containsAll(withTenantId);
  }

  @Test
  void theOwnerDeletesTheTenantAndEverythingItOwns() throws IOException {
    Tenant doomed = populated("Doomed GmbH", "doomed");
    Map<String, Integer> before = counts(doomed);
    Map<String, Integer> bystanderBefore = counts(bystander);
    assertThat(before.values()).allMatch(n -> n > 0);
    Path index = indexDir(doomed);
    assertThat(index).isDirectory();

    assertProblem(deleteOwn(doomed.developer(), doomed.name()), 403, "insufficient_role");
    assertProblem(deleteOwn(doomed.owner(), "Doomed"), 400, "confirmation_mismatch");
    assertThat(counts(doomed)).isEqualTo(before);

    HttpResponse<Buffer> deleted = deleteOwn(doomed.owner(), doomed.name());
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(200);
    JsonObject receipt = deleted.bodyAsJsonObject();
    assertThat(receipt.getJsonObject("rows").getMap()).isEqualTo(new HashMap<>(before));
    assertThat(receipt.getInteger("vectorIndexes")).isEqualTo(1);
    assertThat(receipt.getInteger("invoicesRetained")).isEqualTo(1);

    assertThat(counts(doomed).values()).allMatch(n -> n == 0);
    assertThat(counts(bystander)).isEqualTo(bystanderBefore);
    assertThat(index).doesNotExist();
    assertThat(indexDir(bystander)).isDirectory();
    assertProblem(api.get("/v1/me", doomed.key()), 401, "unauthorized");
    assertProblem(api.get("/api/keys", doomed.owner()), 401, "unauthorized");
    assertProblem(api.get("/api/keys", doomed.developer()), 401, "unauthorized");
    assertThat(api.get("/v1/me", bystander.key()).statusCode()).isEqualTo(200);

    String audit =
        dsl.select(AUDIT_EVENTS.DETAILS)
            .from(AUDIT_EVENTS)
            .where(AUDIT_EVENTS.TARGET.eq("tenant:" + doomed.id()))
            .and(AUDIT_EVENTS.ACTION.eq("tenant.deleted"))
            .and(AUDIT_EVENTS.TENANT_ID.isNull())
            .fetchSingle(AUDIT_EVENTS.DETAILS);
    assertThat(audit).doesNotContain(doomed.email()).doesNotContain(doomed.name());
    String retained =
        Files.readString(
            server.dataDir.resolve("retained-invoices").resolve(doomed.id() + ".json"));
    assertThat(new JsonObject(retained).getJsonArray("invoices")).hasSize(1);
    assertThat(retained).doesNotContain(doomed.email());
  }

  @Test
  void theOperatorDeletesAnyTenant() {
    Tenant doomed = populated("Operated Inc", "operated");
    String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    assertProblem(deleteAny(doomed.owner(), doomed.id(), doomed.name()), 403, "operator_only");
    assertProblem(deleteAny(operator, UUID.randomUUID(), doomed.name()), 404, "not_found");
    HttpResponse<Buffer> deleted = deleteAny(operator, doomed.id(), doomed.name());
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(200);
    assertThat(counts(doomed).values()).allMatch(n -> n == 0);
    assertProblem(api.get("/v1/me", doomed.key()), 401, "unauthorized");
  }

  @Test
  void theExportHoldsTheTenantsDataAndNothingOfAnother() throws IOException {
    Tenant exported = populated("Exported BV", "exported");
    assertThat(api.get("/api/tenant/export", exported.developer()).statusCode()).isEqualTo(403);
    Map<String, Integer> counts = counts(exported);
    HttpResponse<Buffer> response = api.get("/api/tenant/export", exported.owner());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/zip");
    Map<String, byte[]> files = unzip(response.body().getBytes());

    JsonObject manifest = new JsonObject(text(files, "manifest.json"));
    assertThat(manifest.getString("format")).isEqualTo("atrium-tenant-export");
    assertThat(manifest.getString("tenantId")).isEqualTo(exported.id().toString());
    for (Object file : manifest.getJsonArray("files")) {
      JsonObject f = (JsonObject) file;
      assertThat(f.getInteger("rows"))
          .as(f.getString("name"))
          .isEqualTo(counts.get(f.getString("table")));
      assertThat(text(files, f.getString("name")).lines()).hasSize(f.getInteger("rows"));
    }
    assertThat(text(files, "tables/users.ndjson"))
        .contains(exported.email())
        .doesNotContain("password_hash");
    assertThat(text(files, "tables/api_keys.ndjson")).contains("prefix").doesNotContain("key_hash");
    assertThat(text(files, "tables/plugin_documents.ndjson")).contains("exported's document");
    JsonObject blob = new JsonObject(text(files, "tables/plugin_blobs.ndjson").strip());
    assertThat(text(files, blob.getString("file"))).isEqualTo("exported's blob");

    String all = String.join("\n", files.keySet().stream().map(n -> text(files, n)).toList());
    assertThat(all)
        .doesNotContain(bystander.id().toString())
        .doesNotContain(bystander.email())
        .doesNotContain(bystander.name())
        .doesNotContain("bystander's");
    assertThat(
            dsl.fetchCount(
                AUDIT_EVENTS,
                AUDIT_EVENTS
                    .TENANT_ID
                    .eq(exported.id())
                    .and(AUDIT_EVENTS.ACTION.eq("tenant.exported"))
                    .and(AUDIT_EVENTS.ACTOR.isNotNull())))
        .as("the export's entry in the tenant's audit log")
        .isEqualTo(1);
  }

  @Test
  void theRetentionPurgeDeletesWhatIsOlderThanTheTenantsRetention() {
    Tenant kept = populated("Retention SA", "retention");
    document(kept, "cs-conversations", "old", NOW.minusDays(10));
    document(kept, "cs-conversations", "new", NOW);
    document(kept, "drafts", "old-draft", NOW.minusDays(40));
    document(kept, "drafts", "new-draft", NOW.minusDays(20));
    document(bystander, "cs-conversations", "old-bystander", NOW.minusDays(10));
    document(bystander, "drafts", "old-bystander-draft", NOW.minusDays(40));
    UUID oldLine = requestLogLine(kept, NOW.minusDays(10));
    UUID newLine = requestLogLine(kept, NOW.minusDays(2));
    UUID bystanderLine = requestLogLine(bystander, NOW.minusDays(10));
    UUID pastPlatformRetention = requestLogLine(bystander, NOW.minusDays(31));
    dsl.insertInto(AUDIT_EVENTS)
        .set(AUDIT_EVENTS.TENANT_ID, kept.id())
        .set(AUDIT_EVENTS.ACTION, "old.event")
        .set(AUDIT_EVENTS.OCCURRED_AT, NOW.minusDays(400))
        .execute();
    JsonObject settings =
        new JsonObject()
            .put("conversationDays", 7)
            .put("draftDays", 30)
            .put("requestLogDays", 7)
            .put("auditLogDays", 365);
    assertProblem(putRetention(kept.developer(), settings), 403, "insufficient_role");
    for (JsonObject bad :
        List.of(
            new JsonObject().put("conversationDays", 0),
            new JsonObject().put("draftDays", "30"),
            new JsonObject().put("requestLogDays", 31),
            new JsonObject().put("auditLogDays", 36_501))) {
      assertProblem(putRetention(kept.owner(), bad), 400, "invalid_field");
    }
    assertProblem(
        putRetention(kept.owner(), new JsonObject().put("logDays", 7)), 400, "unknown_field");
    JsonObject defaults = api.get("/api/tenant/retention", kept.owner()).bodyAsJsonObject();
    assertThat(defaults.getInteger("requestLogMaxDays")).isEqualTo(30);
    assertThat(defaults.getValue("draftDays")).isNull();
    HttpResponse<Buffer> put = putRetention(kept.owner(), settings);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    JsonObject shown = settings.copy().put("requestLogMaxDays", 30);
    assertThat(put.bodyAsJsonObject()).isEqualTo(shown);
    assertThat(api.get("/api/tenant/retention", kept.owner()).bodyAsJsonObject()).isEqualTo(shown);

    long deadline = System.nanoTime() + 30_000_000_000L;
    while (documents(kept, "old")
            + documents(kept, "old-draft")
            + requestLogLines(oldLine)
            + requestLogLines(pastPlatformRetention)
            + oldAudit(kept)
        > 0) {
      assertThat(System.nanoTime()).as("purged within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(50_000_000);
    }
    assertThat(documents(kept, "new")).isEqualTo(1);
    assertThat(documents(kept, "new-draft")).isEqualTo(1);
    assertThat(requestLogLines(newLine)).isEqualTo(1);
    assertThat(
            dsl.fetchCount(
                PLUGIN_DOCUMENTS,
                PLUGIN_DOCUMENTS
                    .TENANT_ID
                    .eq(kept.id())
                    .and(PLUGIN_DOCUMENTS.COLLECTION.eq("notes"))))
        .isEqualTo(1);
    assertThat(documents(bystander, "old-bystander")).isEqualTo(1);
    assertThat(documents(bystander, "old-bystander-draft")).isEqualTo(1);
    assertThat(requestLogLines(bystanderLine))
        .as("another tenant's line within the platform's retention")
        .isEqualTo(1);
    assertThat(dsl.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.TENANT_ID.eq(kept.id()))).isPositive();
  }

  @Test
  void retainedInvoicesAreDeletedOnceTheirRetentionHasPassed() throws IOException {
    Path dir = server.dataDir.resolve("retained-invoices");
    Files.createDirectories(dir);
    Path expired = dir.resolve(UUID.randomUUID() + ".json");
    Path kept = dir.resolve(UUID.randomUUID() + ".json");
    Path unreadable = dir.resolve(UUID.randomUUID() + ".json");
    Files.writeString(expired, retained(NOW.minusDays(1)).encode());
    Files.writeString(kept, retained(NOW.plusYears(10)).encode());
    Files.writeString(unreadable, "{\"retainUntil\": \"someday\"}");

    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Files.exists(expired)) {
      assertThat(System.nanoTime()).as("purged within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(50_000_000);
    }
    assertThat(kept).exists();
    assertThat(unreadable).as("kept for the operator, not guessed about").exists();
  }

  private static JsonObject retained(OffsetDateTime until) {
    return new JsonObject()
        .put("tenantId", UUID.randomUUID().toString())
        .put("retainUntil", until.toString())
        .put("invoices", new io.vertx.core.json.JsonArray());
  }

  private static HttpResponse<Buffer> putRetention(String token, JsonObject settings) {
    return api.send(
        HttpMethod.PUT, "/api/tenant/retention", token, "application/json", settings.toBuffer());
  }

  private static UUID requestLogLine(Tenant tenant, OffsetDateTime at) {
    UUID requestId = UUID.randomUUID();
    dsl.insertInto(REQUEST_LOGS)
        .set(REQUEST_LOGS.TENANT_ID, tenant.id())
        .set(REQUEST_LOGS.REQUEST_ID, requestId)
        .set(REQUEST_LOGS.OCCURRED_AT, at)
        .set(REQUEST_LOGS.KEY_ID, UUID.randomUUID())
        .set(REQUEST_LOGS.METHOD, "GET")
        .set(REQUEST_LOGS.ROUTE, "/v1/me")
        .set(REQUEST_LOGS.STATUS, 200)
        .set(REQUEST_LOGS.LATENCY_MICROS, 1_000L)
        .set(REQUEST_LOGS.TOKENS, 0L)
        .set(REQUEST_LOGS.COST, BigDecimal.ZERO)
        .execute();
    return requestId;
  }

  private static int requestLogLines(UUID requestId) {
    return dsl.fetchCount(REQUEST_LOGS, REQUEST_LOGS.REQUEST_ID.eq(requestId));
  }

  private static void document(
      Tenant tenant, String collection, String id, OffsetDateTime updatedAt) {
    dsl.insertInto(PLUGIN_DOCUMENTS)
        .values(tenant.id(), "customer-service", collection, id, "{}", updatedAt)
        .execute();
  }

  private static int documents(Tenant tenant, String id) {
    return dsl.fetchCount(
        PLUGIN_DOCUMENTS,
        PLUGIN_DOCUMENTS.TENANT_ID.eq(tenant.id()).and(PLUGIN_DOCUMENTS.ID.eq(id)));
  }

  private static int oldAudit(Tenant tenant) {
    return dsl.fetchCount(
        AUDIT_EVENTS,
        AUDIT_EVENTS.TENANT_ID.eq(tenant.id()).and(AUDIT_EVENTS.ACTION.eq("old.event")));
  }

  private static HttpResponse<Buffer> deleteOwn(String token, String confirm) {
    return api.send(
        HttpMethod.DELETE,
        "/api/tenant",
        token,
        "application/json",
        new JsonObject().put("confirm", confirm).toBuffer());
  }

  private static HttpResponse<Buffer> deleteAny(String token, UUID tenant, String confirm) {
    return api.send(
        HttpMethod.DELETE,
        "/api/admin/tenants/" + tenant,
        token,
        "application/json",
        new JsonObject().put("confirm", confirm).toBuffer());
  }

  private static Map<String, Integer> counts(Tenant tenant) {
    return new TenantTables(dsl).count(tenant.id());
  }

  private static Path indexDir(Tenant tenant) {
    return server.dataDir.resolve("plugin-indexes/probe").resolve(tenant.id().toString());
  }

  /**
   * A tenant with an owner, a developer, an API key and audit entries made through the API, and a
   * row in each other tenant-owned table and a vector index directory written directly.
   */
  private static Tenant populated(String name, String slug) {
    String email = "owner@" + slug + ".test";
    JsonObject signup =
        api.post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", name)
                    .put("email", email)
                    .put("password", "correct horse battery"))
            .bodyAsJsonObject();
    String owner = signup.getString("token");
    UUID id = UUID.fromString(signup.getJsonObject("tenant").getString("id"));
    String invite =
        api.post(
                "/api/users",
                owner,
                new JsonObject().put("email", "dev@" + slug + ".test").put("role", "developer"))
            .bodyAsJsonObject()
            .getString("inviteToken");
    api.post(
        "/api/auth/accept-invite",
        null,
        new JsonObject().put("token", invite).put("password", "developer password"));
    String developer = api.login("dev@" + slug + ".test", "developer password");
    String key = api.createKey(owner, new JsonObject().put("name", slug + " key")).getString("key");
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200);
    // Reading the request log waits for /v1/me's line to be written.
    assertThat(api.get("/api/request-logs", owner).statusCode()).isEqualTo(200);
    seed(id, slug);
    awaitLedger(id, 2);
    try {
      Path index =
          server.dataDir.resolve("plugin-indexes/probe").resolve(id.toString()).resolve("docs");
      Files.createDirectories(index);
      Files.writeString(index.resolve("segments_1"), slug);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return new Tenant(id, name, email, owner, developer, key);
  }

  /** Waits until the ledger has written the tenant's usage (the seeded event and /v1/me's). */
  private static void awaitLedger(UUID tenant, int events) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (dsl.fetchCount(USAGE_EVENTS, USAGE_EVENTS.TENANT_ID.eq(tenant)) < events) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the ledger did not write the tenant's usage");
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private static void seed(UUID tenant, String slug) {
    UUID nil = new UUID(0, 0);
    dsl.insertInto(SUBSCRIPTIONS)
        .values(UUID.randomUUID(), tenant, "pro", NOW, null, BigDecimal.ZERO, NOW)
        .execute();
    dsl.insertInto(USAGE_EVENTS)
        .values(tenant, slug + "-1", nil, "", "", "requests", 1L, NOW)
        .execute();
    dsl.insertInto(USAGE_HOURLY).values(tenant, NOW, "requests", "", "", nil, 1L, 1L).execute();
    dsl.insertInto(IDEMPOTENT_REQUESTS)
        .values(
            tenant,
            slug + "-retry",
            "0".repeat(64),
            "stored",
            UUID.randomUUID(),
            200,
            "application/json",
            "{}",
            "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            NOW,
            NOW,
            NOW.plusDays(1))
        .execute();
    dsl.insertInto(USAGE_DAILY)
        .values(tenant, LocalDate.now(ZoneOffset.UTC), "requests", "", "", nil, 1L, 1L)
        .execute();
    UUID invoice = UUID.randomUUID();
    BigDecimal zero = BigDecimal.ZERO;
    dsl.insertInto(INVOICES)
        .values(
            invoice,
            tenant,
            "2026-11",
            "2026-11",
            "finalised",
            "USD",
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            NOW,
            NOW,
            null)
        .execute();
    dsl.insertInto(INVOICE_LINES)
        .values(invoice, 1, "fee", "Plan fee", null, null, 1L, 0L, zero, zero)
        .execute();
    dsl.insertInto(BUDGETS)
        .values(tenant, BigDecimal.TEN, "50 100", "http://127.0.0.1:9/hook", "whsec_x", NOW)
        .execute();
    UUID alert = UUID.randomUUID();
    dsl.insertInto(BUDGET_ALERTS)
        .values(alert, tenant, "2026-11", 50, BigDecimal.TEN, BigDecimal.ONE, "USD", NOW, null)
        .execute();
    dsl.insertInto(WEBHOOK_DELIVERIES)
        .values(
            UUID.randomUUID(), tenant, alert, 1, "http://127.0.0.1:9/hook", 204, null, true, NOW)
        .execute();
    dsl.insertInto(TENANT_RETENTION)
        .set(TENANT_RETENTION.TENANT_ID, tenant)
        .set(TENANT_RETENTION.UPDATED_AT, NOW)
        .execute();
    dsl.insertInto(TENANT_PLUGINS).values(tenant, "probe", true, "{}", NOW, null).execute();
    dsl.insertInto(PLUGIN_DOCUMENTS)
        .values(
            tenant,
            "probe",
            "notes",
            "1",
            new JsonObject().put("text", slug + "'s document").encode(),
            NOW)
        .execute();
    byte[] blob = (slug + "'s blob").getBytes(StandardCharsets.UTF_8);
    dsl.insertInto(PLUGIN_BLOBS)
        .values(tenant, "probe", "file.txt", "text/plain", (long) blob.length, blob, NOW)
        .execute();
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static String text(Map<String, byte[]> files, String name) {
    assertThat(files).containsKey(name);
    return new String(files.get(name), StandardCharsets.UTF_8);
  }
}
