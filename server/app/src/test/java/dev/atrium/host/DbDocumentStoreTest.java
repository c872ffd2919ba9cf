package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.db.Db;
import dev.atrium.plugin.api.Document;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plugin's documents in the platform database (H2, and PostgreSQL in the second surefire run):
 * {@code putAll} writes many in one transaction, all or none, and replaces by id like {@code put}.
 */
@ExtendWith(VertxExtension.class)
final class DbDocumentStoreTest {
  private static TestServer server;
  private static ApiClient api;
  private static Db db;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    db = new Db(server.server.vertx(), server.server.database());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DbDocumentStore store(String name) {
    String id = api.signupWithKey(name, "docs.test").id();
    return new DbDocumentStore(db, UUID.fromString(id), "probe");
  }

  @Test
  void putAllWritesEveryDocumentAndReplacesByIdAsPutDoes() {
    DbDocumentStore documents = store("Batch Writer");
    DbDocumentStore other = store("Batch Bystander");
    documents.put("state", "a:2", new JsonObject().put("n", 0)).await();

    Map<String, JsonObject> batch = new LinkedHashMap<>();
    batch.put("a:2", new JsonObject().put("n", 2));
    batch.put("a:1", new JsonObject().put("n", 1).put("note", "退款 ✓"));
    batch.put("a:3", new JsonObject().put("n", 3).put("nested", new JsonObject().put("x", 1.5)));
    assertThat(documents.putAll("state", batch).await()).isEqualTo(3);

    List<Document> stored = documents.list("state", 10).await();
    assertThat(stored).extracting(Document::id).containsExactly("a:1", "a:2", "a:3");
    assertThat(stored).extracting(d -> d.data().getInteger("n")).containsExactly(1, 2, 3);
    assertThat(stored.getFirst().data().getString("note")).isEqualTo("退款 ✓");
    assertThat(stored.get(2).data().getJsonObject("nested").getDouble("x")).isEqualTo(1.5);
    assertThat(other.list("state", 10).await()).isEmpty();
    assertThat(documents.putAll("state", Map.of()).await()).isZero();
  }

  @Test
  void oneBadDocumentRefusesTheWholeCallAndNothingIsWritten() {
    DbDocumentStore documents = store("Batch Refused");
    Map<String, JsonObject> tooLongId = new LinkedHashMap<>();
    tooLongId.put("fine", new JsonObject().put("n", 1));
    tooLongId.put("x".repeat(257), new JsonObject());
    Map<String, JsonObject> tooBig = new LinkedHashMap<>();
    tooBig.put("fine", new JsonObject().put("n", 1));
    tooBig.put("big", new JsonObject().put("text", "x".repeat(1 << 20)));
    Map<String, JsonObject> tooMany = new LinkedHashMap<>();
    for (int i = 0; i <= 1000; i++) {
      tooMany.put("d" + i, new JsonObject());
    }

    assertThat(refusal(documents.putAll("state", tooLongId))).contains("at most 256 characters");
    assertThat(refusal(documents.putAll("state", tooBig))).contains("at most 1 MiB");
    assertThat(refusal(documents.putAll("state", tooMany)))
        .contains("at most 1000 documents can be put at once, not 1001");
    assertThat(refusal(documents.putAll("Bad Name", Map.of("x", new JsonObject()))))
        .contains("collection 'Bad Name'");
    Map<String, JsonObject> nullDocument = new LinkedHashMap<>();
    nullDocument.put("fine", new JsonObject().put("n", 1));
    nullDocument.put("empty", null);
    Future<Integer> withNull = documents.putAll("state", nullDocument);
    assertThat(withNull.failed()).isTrue();
    assertThat(withNull.cause()).hasMessageContaining("data is null");
    assertThat(documents.list("state", 10).await()).isEmpty();
  }

  private static String refusal(Future<Integer> put) {
    assertThat(put.failed()).as("refused").isTrue();
    assertThat(put.cause()).isInstanceOf(IllegalArgumentException.class);
    return put.cause().getMessage();
  }
}
