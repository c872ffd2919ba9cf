package dev.atrium.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./atrium bench customer-service}: installs the customer-service plugin in a fresh server
 * (its own JVM) through the operator API, ingests the evaluation set in {@code
 * plugins/customer-service/eval} through the plugin's API, asks every question, and prints
 * retrieval hit@1, hit@3 and MRR per language, hand-off precision and recall, and answer latency.
 *
 * <p>A question counts as a hit at rank r when the r-th distinct document cited is the expected
 * one. A hand-off is expected for unanswerable questions and for complaint or cancel intents.
 */
public final class CustomerServiceBench {
  private static final Path EVAL = Path.of("plugins/customer-service/eval");
  private static final String OPERATOR = "bench-operator@example.com";
  private static final String PASSWORD = "bench operator password";

  private final BenchClient client;

  private CustomerServiceBench(int port) {
    this.client = new BenchClient(port);
  }

  public static void main(String[] args) throws Exception {
    Path archive = PluginArchives.built("customer-service");
    try (ServerProcess server =
        ServerProcess.start(
            Map.of("ATRIUM_OPERATOR_EMAIL", OPERATOR, "ATRIUM_OPERATOR_PASSWORD", PASSWORD))) {
      new CustomerServiceBench(server.port()).run(archive);
    }
  }

  private void run(Path archive) throws Exception {
    String operator =
        client
            .post(
                "/api/auth/login",
                null,
                new JsonObject().put("email", OPERATOR).put("password", PASSWORD))
            .getString("token");
    client.send(
        "POST", "/api/admin/plugins", operator, "application/zip", Files.readAllBytes(archive));
    String owner =
        client
            .post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Lumen Home")
                    .put("email", "owner@lumen.test")
                    .put("password", "lumen password"))
            .getString("token");
    client.send(
        "PUT",
        "/api/plugins/customer-service",
        owner,
        "application/json",
        new JsonObject().put("enabled", true).encode().getBytes());
    String key =
        client.post("/api/keys", owner, new JsonObject().put("name", "bench")).getString("key");

    long started = System.nanoTime();
    List<Path> documents;
    try (Stream<Path> files = Files.list(EVAL.resolve("docs"))) {
      documents = files.sorted().toList();
    }
    for (Path document : documents) {
      String name = document.getFileName().toString();
      client.send(
          "POST",
          "/v1/customer-service/documents?fileName=" + name + "&documentId=" + name,
          key,
          null,
          Files.readAllBytes(document));
    }
    for (Path document : documents) {
      String name = document.getFileName().toString();
      System.out.printf("ingested %-40s %4d chunks%n", name, client.awaitDocument(key, name));
    }
    double ingestSeconds = (System.nanoTime() - started) / 1e9;
    JsonObject intents = new JsonObject(Files.readString(EVAL.resolve("intents.json")));
    JsonObject training =
        new JsonObject(
            client.send(
                "PUT",
                "/v1/customer-service/intents",
                key,
                "application/json",
                intents.encode().getBytes()));
    client.awaitJob(key, training.getJsonObject("job").getString("id"));

    List<String> details = new ArrayList<>();
    Scores en = new Scores();
    Scores zh = new Scores();
    for (String line : Files.readAllLines(EVAL.resolve("questions.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject q = new JsonObject(line);
      JsonObject answer =
          client.post(
              "/v1/customer-service/answer",
              key,
              new JsonObject().put("question", q.getString("question")).put("topK", 10));
      (q.getString("lang").equals("zh") ? zh : en).add(q, answer, client.lastAttemptNanos());
      details.add(
          new JsonObject()
              .put("id", q.getString("id"))
              .put("expected", q.getString("document"))
              .put("answerable", q.getBoolean("answerable"))
              .put("intent", q.getString("intent"))
              .put("answer", answer)
              .encode());
    }
    System.out.printf(
        "%nCustomer-service evaluation: %d documents ingested in %.1f s (%s)%n%n",
        documents.size(), ingestSeconds, EVAL);
    System.out.printf(
        "%-9s %9s %7s %7s %7s %10s %10s %9s %9s%n",
        "language",
        "questions",
        "hit@1",
        "hit@3",
        "MRR",
        "handoff P",
        "handoff R",
        "p50 ms",
        "p99 ms");
    en.print("English");
    zh.print("Chinese");
    Scores all = en.plus(zh);
    all.print("all");
    System.out.println("\nGoal: hit@3 >= 0.90 in each language.");
    Path report = Path.of("plugins/customer-service/target/eval-answers.jsonl");
    Files.createDirectories(report.getParent());
    Files.write(report, details);
    System.out.println("Every answer: " + report);
  }

  /** Per-language tallies. */
  private static final class Scores {
    int answerable;
    int hit1;
    int hit3;
    double reciprocalRanks;
    int handoffTrue;
    int handoffPredicted;
    int handoffExpected;
    final List<Long> latencies = new ArrayList<>();

    void add(JsonObject question, JsonObject answer, long nanos) {
      latencies.add(nanos);
      boolean expectHandoff =
          !question.getBoolean("answerable") || question.getString("intent") != null;
      boolean handoff = answer.getBoolean("handoff", false);
      handoffExpected += expectHandoff ? 1 : 0;
      handoffPredicted += handoff ? 1 : 0;
      handoffTrue += expectHandoff && handoff ? 1 : 0;
      if (!question.getBoolean("answerable")) {
        return;
      }
      answerable++;
      List<String> ranked = new ArrayList<>();
      for (Object c : answer.getJsonArray("citations", new JsonArray())) {
        String doc = ((JsonObject) c).getString("documentId");
        if (!ranked.contains(doc)) {
          ranked.add(doc);
        }
      }
      int rank = ranked.indexOf(question.getString("document")) + 1;
      hit1 += rank == 1 ? 1 : 0;
      hit3 += rank >= 1 && rank <= 3 ? 1 : 0;
      reciprocalRanks += rank >= 1 ? 1.0 / rank : 0;
    }

    Scores plus(Scores other) {
      Scores sum = new Scores();
      sum.answerable = answerable + other.answerable;
      sum.hit1 = hit1 + other.hit1;
      sum.hit3 = hit3 + other.hit3;
      sum.reciprocalRanks = reciprocalRanks + other.reciprocalRanks;
      sum.handoffTrue = handoffTrue + other.handoffTrue;
      sum.handoffPredicted = handoffPredicted + other.handoffPredicted;
      sum.handoffExpected = handoffExpected + other.handoffExpected;
      sum.latencies.addAll(latencies);
      sum.latencies.addAll(other.latencies);
      return sum;
    }

    void print(String language) {
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      LoadResult latency = new LoadResult(sorted.length, 0, 1, sorted);
      System.out.printf(
          "%-9s %9d %7.3f %7.3f %7.3f %10.3f %10.3f %9.1f %9.1f%n",
          language,
          latencies.size(),
          (double) hit1 / answerable,
          (double) hit3 / answerable,
          reciprocalRanks / answerable,
          handoffPredicted == 0 ? 0 : (double) handoffTrue / handoffPredicted,
          handoffExpected == 0 ? 0 : (double) handoffTrue / handoffExpected,
          latency.percentileMillis(50),
          latency.percentileMillis(99));
    }
  }
}
