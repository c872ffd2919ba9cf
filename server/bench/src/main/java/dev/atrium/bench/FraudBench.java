package dev.atrium.bench;

import dev.atrium.bench.LoadGenerator.Call;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code ./atrium bench fraud [seconds] [accounts] [trainRows]}: the fraud plugin in a fresh server
 * (its own JVM), installed from {@code plugins/fraud/target}. Prints, in one run:
 *
 * <ol>
 *   <li>quality on a held-out synthetic month (the plugin's documented generator, seed 11): the
 *       tenant uploads a labelled month as CSV, writes four rules, trains and promotes a model
 *       (when the server has a tabular engine; otherwise "model" is the unsupervised score), then
 *       scores the next month; PR-AUC and recall at a 1% alert budget for model only, rules only
 *       (block 1, review 0.75, else half the rules' additions) and both (blocks first, then the
 *       score after the rules' additions);
 *   <li>scoring over HTTP ({@code POST /v1/fraud/score}, a fresh payment per call) at concurrency
 *       1, 8 and 32 next to the same scoring in-process on the same feature vectors (the plugin's
 *       classes loaded from its archive, no HTTP, storage or log), after an unmeasured warm-up;
 *   <li>the training time for {@code trainRows} labelled payments (default 1,000,000), generated in
 *       the server by three calls of {@code POST /v1/fraud/demo} (a month each), when the server
 *       can train.
 * </ol>
 */
public final class FraudBench {
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  private static final Duration FLOOR_WARM_UP = Duration.ofSeconds(5);

  private final ServerProcess server;
  private final int port;
  private final BenchClient client;
  private final Method generate;
  private final Method rawScoring;
  private final Method evaluate;
  private final Method rulesScore;
  private final Method decisionScore;
  private final JsonArray rules;

  private FraudBench(ServerProcess server, Class<?> support) throws ReflectiveOperationException {
    this.server = server;
    this.port = server.port();
    this.client = new BenchClient(port);
    this.generate =
        support.getMethod("generate", long.class, int.class, int.class, int.class, String.class);
    this.rawScoring =
        support.getMethod(
            "rawScoring", JsonArray.class, JsonArray.class, int.class, long.class, Executor.class);
    this.evaluate = support.getMethod("evaluate", double[].class, int[].class, double.class);
    this.rulesScore = support.getMethod("rulesScore", JsonObject.class);
    this.decisionScore = support.getMethod("decisionScore", JsonObject.class);
    this.rules = (JsonArray) support.getMethod("starterRules").invoke(null);
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int trainRows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    Path archive = PluginArchives.built("fraud");
    try (URLClassLoader plugin = classLoader(archive);
        ServerProcess server =
            ServerProcess.start(
                Map.of(
                    "ATRIUM_OPERATOR_EMAIL", BenchTenants.OPERATOR,
                    "ATRIUM_OPERATOR_PASSWORD", BenchTenants.OPERATOR_PASSWORD))) {
      Class<?> support = plugin.loadClass("dev.atrium.plugins.fraud.BenchSupport");
      new FraudBench(server, support).run(archive, seconds, accounts, trainRows);
    }
  }

  private void run(Path archive, int seconds, int accounts, int trainRows) throws Exception {
    try (LoadGenerator setup = new LoadGenerator(port, 4)) {
      client.send(
          "POST",
          "/api/admin/plugins",
          BenchTenants.operatorToken(setup),
          "application/zip",
          Files.readAllBytes(archive));
      // From a Monday: the generator's weekly cycle follows the calendar, so the same payments on
      // any day the bench runs.
      Instant start =
          LocalDate.now(ZoneOffset.UTC)
              .minusDays(61)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
      JsonArray data = (JsonArray) generate.invoke(null, 11L, accounts, 60, 6, start.toString());
      Instant split = start.plus(Duration.ofDays(30));
      List<JsonObject> history = new ArrayList<>();
      List<JsonObject> heldOut = new ArrayList<>();
      for (Object item : data) {
        JsonObject g = (JsonObject) item;
        (Instant.parse(g.getJsonObject("txn").getString("timestamp")).isBefore(split)
                ? history
                : heldOut)
            .add(g);
      }
      System.out.printf(
          "Synthetic data (seed 11, %d accounts): %d payments to learn from, %d held out (%d fraud)%n",
          accounts,
          history.size(),
          heldOut.size(),
          heldOut.stream().filter(g -> g.getInteger("label") == 1).count());

      String quality = tenantKey(setup, "fraud-quality");
      String modelNote = learn(quality, history);
      quality(quality, heldOut, modelNote);

      String load = tenantKey(setup, "fraud-load");
      for (Object rule : rules) {
        enable(load, (JsonObject) rule);
      }
      throughput(load, heldOut, seconds);
      training(setup, trainRows);
    }
  }

  /** Uploads the history with labels, adds the rules, trains and promotes when the server can. */
  private String learn(String key, List<JsonObject> history) throws Exception {
    long started = System.nanoTime();
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < history.size(); i++) {
      if (csv.isEmpty()) {
        csv.append(
            "id,amount,currency,timestamp,account,merchant,category,channel,device,country,lat,lon,label\n");
      }
      JsonObject t = history.get(i).getJsonObject("txn");
      csv.append(
              String.join(
                  ",",
                  t.getString("id"),
                  t.getValue("amount").toString(),
                  t.getString("currency"),
                  t.getString("timestamp"),
                  t.getString("account"),
                  t.getString("merchant"),
                  t.getString("category"),
                  t.getString("channel"),
                  t.getString("device"),
                  t.getString("country"),
                  t.getValue("lat").toString(),
                  t.getValue("lon").toString(),
                  history.get(i).getInteger("label").toString()))
          .append('\n');
      if (csv.length() > 800_000 || i == history.size() - 1) {
        JsonObject accepted =
            new JsonObject(
                client.send(
                    "POST",
                    "/v1/fraud/uploads",
                    key,
                    "text/csv",
                    csv.toString().getBytes(StandardCharsets.UTF_8)));
        awaitJob(key, accepted.getJsonObject("job").getString("id"));
        csv.setLength(0);
      }
    }
    System.out.printf(
        "History uploaded and scored in %.1f s (%.0f payments/s)%n",
        (System.nanoTime() - started) / 1e9,
        history.size() / ((System.nanoTime() - started) / 1e9));
    for (Object rule : rules) {
      enable(key, (JsonObject) rule);
    }
    try {
      JsonObject job =
          new JsonObject(
              client.send(
                  "POST",
                  "/v1/fraud/models/train",
                  key,
                  "application/json",
                  "{\"days\": 90}".getBytes()));
      JsonObject done = awaitJob(key, job.getString("id"));
      if (!done.getString("state").equals("succeeded")) {
        return "training failed: " + done.getString("error");
      }
      JsonObject models =
          new JsonObject(
              client.send(
                  "POST", "/v1/fraud/models/v1/promote", key, "application/json", "{}".getBytes()));
      JsonObject v1 = models.getJsonArray("data").getJsonObject(0);
      return "model v1, validation ROC-AUC " + v1.getJsonObject("metrics").getDouble("rocAuc");
    } catch (IOException e) {
      if (e.getMessage().contains(" 503")) {
        return "no tabular engine on this server: 'model' is the unsupervised robust z-score";
      }
      throw e;
    }
  }

  private void quality(String key, List<JsonObject> heldOut, String modelNote) throws Exception {
    int n = heldOut.size();
    double[] model = new double[n];
    double[] rules = new double[n];
    double[] both = new double[n];
    int[] labels = new int[n];
    for (int from = 0; from < n; from += 1000) {
      JsonArray batch = new JsonArray();
      heldOut
          .subList(from, Math.min(n, from + 1000))
          .forEach(g -> batch.add(g.getJsonObject("txn")));
      JsonArray answers =
          client
              .post("/v1/fraud/score/batch", key, new JsonObject().put("transactions", batch))
              .getJsonArray("data");
      for (int i = 0; i < answers.size(); i++) {
        JsonObject a = answers.getJsonObject(i);
        int at = from + i;
        model[at] = a.getDouble("baseScore");
        rules[at] = (double) rulesScore.invoke(null, a);
        both[at] = (double) decisionScore.invoke(null, a);
        labels[at] = heldOut.get(at).getInteger("label");
      }
    }
    System.out.println();
    System.out.println("Quality on the held-out month (" + modelNote + ")");
    System.out.printf(
        "%-12s %8s %8s %14s %14s%n", "", "ROC-AUC", "PR-AUC", "precision@1%", "recall@1%");
    row("model only", (JsonObject) evaluate.invoke(null, model, labels, 1.0));
    row("rules only", (JsonObject) evaluate.invoke(null, rules, labels, 1.0));
    row("both", (JsonObject) evaluate.invoke(null, both, labels, 1.0));
  }

  private static void row(String name, JsonObject m) {
    System.out.printf(
        "%-12s %8.3f %8.3f %14.3f %14.3f%n",
        name,
        m.getDouble("rocAuc"),
        m.getDouble("prAuc"),
        m.getDouble("precisionAtBudget"),
        m.getDouble("recallAtBudget"));
  }

  private void throughput(String key, List<JsonObject> payments, int seconds) throws Exception {
    JsonArray raw = new JsonArray(new ArrayList<>(payments));
    AtomicLong next = new AtomicLong();
    Duration duration = Duration.ofSeconds(seconds);
    // Unmeasured, so the measurements see the server's compiled code rather than its JIT compiler
    // (which took half a core through the first minute of calls).
    try (LoadGenerator warm = new LoadGenerator(port, 8)) {
      warm.closedLoop(() -> call(key, payments, next), WARM_UP);
      warm.closedLoop(Call.get("/v1/me", key), FLOOR_WARM_UP);
    }
    long compiledBefore = server.compileMillis();
    long cpuBefore = server.cpuMillis();
    System.out.println();
    System.out.println(
        "Scoring: POST /v1/fraud/score over HTTP, the platform's floor (GET /v1/me, authenticated"
            + " and metered, no work of its own) and in-process scoring on the same feature vectors ("
            + seconds
            + " s each). CPU = the server's CPU time per request; ceiling = the rate it allows with"
            + " all "
            + Runtime.getRuntime().availableProcessors()
            + " cores and no load generator.");
    System.out.printf(
        "%-5s | %9s %8s %8s %7s %9s | %9s %8s %7s %9s | %9s %8s%n",
        "conc",
        "scores/s",
        "p50 ms",
        "p99 ms",
        "CPU ms",
        "ceiling",
        "me req/s",
        "p99 ms",
        "CPU ms",
        "ceiling",
        "raw/s",
        "p99 ms");
    for (int concurrency : new int[] {1, 8, 32}) {
      CostedRun http;
      CostedRun floor;
      try (LoadGenerator load = new LoadGenerator(port, concurrency)) {
        http =
            CostedRun.of(server, () -> load.closedLoop(() -> call(key, payments, next), duration));
        floor = CostedRun.of(server, () -> load.closedLoop(Call.get("/v1/me", key), duration));
      }
      JsonObject inProcess =
          (JsonObject)
              rawScoring.invoke(
                  null,
                  raw,
                  rules,
                  concurrency,
                  duration.toMillis(),
                  Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory()));
      System.out.printf(
          "%-5d | %9.0f %8.2f %8.2f %7.3f %9.0f | %9.0f %8.2f %7.3f %9.0f | %9.0f %8.4f%s%n",
          concurrency,
          http.result().requestsPerSecond(),
          http.result().percentileMillis(50),
          http.result().percentileMillis(99),
          http.cpuMillisPerRequest(),
          http.ceilingPerSecond(),
          floor.result().requestsPerSecond(),
          floor.result().percentileMillis(99),
          floor.cpuMillisPerRequest(),
          floor.ceilingPerSecond(),
          inProcess.getDouble("perSecond"),
          inProcess.getDouble("p99Ms"),
          http.result().failed() + floor.result().failed() > 0
              ? "  (" + (http.result().failed() + floor.result().failed()) + " failed)"
              : "");
    }
    System.out.printf(
        "Warm-up: %d s of scoring and %d s of GET /v1/me at concurrency 8, not measured; the JIT"
            + " compiler then took %d ms of the server's %d ms of CPU during the runs above%n",
        WARM_UP.toSeconds(),
        FLOOR_WARM_UP.toSeconds(),
        server.compileMillis() - compiledBefore,
        server.cpuMillis() - cpuBefore);
    System.out.printf(
        "Goals: p99 < 10 ms at concurrency 8, >= 5000 scores/s at 32 (load average now %.1f)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The next payment of the corpus as a fresh one: its own id, timestamped by the server. */
  private static Call call(String key, List<JsonObject> payments, AtomicLong next) {
    long n = next.getAndIncrement();
    JsonObject txn = payments.get((int) (n % payments.size())).getJsonObject("txn").copy();
    txn.remove("timestamp");
    txn.put("id", "load-" + n);
    return Call.post("/v1/fraud/score", key, txn.encode());
  }

  private void training(LoadGenerator setup, int rows) throws Exception {
    String key = tenantKey(setup, "fraud-training");
    System.out.println();
    try {
      client.send("POST", "/v1/fraud/models/train", key, "application/json", "{}".getBytes());
    } catch (IOException e) {
      if (e.getMessage().contains(" 503")) {
        System.out.println(
            "Training "
                + rows
                + " payments: not measured, this server has no tabular engine (SDK 1.5.0 tabularModels)");
        return;
      }
      if (!e.getMessage().contains(" answered ")) {
        throw e;
      }
    }
    // Three months of demo history: one call may generate at most 250,000 account-days.
    int accounts = (int) Math.ceil(rows / (3 * 30 * 1.65));
    long generated = System.nanoTime();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (LocalDate start : List.of(today.minusDays(90), today.minusDays(60), today.minusDays(30))) {
      JsonObject demo =
          new JsonObject(
              client.send(
                  "POST",
                  "/v1/fraud/demo",
                  key,
                  "application/json",
                  new JsonObject()
                      .put("days", 30)
                      .put("accounts", accounts)
                      .put("seed", 3)
                      .put("start", start.toString())
                      .encode()
                      .getBytes()));
      awaitJob(key, demo.getString("id"));
    }
    System.out.printf(
        "Generated and scored three months of %d accounts in the server in %.0f s%n",
        accounts, (System.nanoTime() - generated) / 1e9);
    long started = System.nanoTime();
    JsonObject job =
        new JsonObject(
            client.send(
                "POST",
                "/v1/fraud/models/train",
                key,
                "application/json",
                "{\"days\": 90}".getBytes()));
    JsonObject done = awaitJob(key, job.getString("id"));
    JsonObject v1 =
        new JsonObject(client.send("GET", "/v1/fraud/models", key, null, null))
            .getJsonArray("data")
            .getJsonObject(0);
    System.out.printf(
        "Training job on %d labelled payments: %.1f s end to end (%s), engine time %d ms, validation ROC-AUC %.3f%n",
        v1.getInteger("labelled"),
        (System.nanoTime() - started) / 1e9,
        done.getString("state"),
        v1.getJsonObject("metrics").getLong("trainingMillis"),
        v1.getJsonObject("metrics").getDouble("rocAuc"));
  }

  private String tenantKey(LoadGenerator setup, String name) throws Exception {
    BenchTenants.BenchTenant tenant = BenchTenants.unlimited(setup, name);
    client.send(
        "PUT",
        "/api/plugins/fraud",
        tenant.ownerToken(),
        "application/json",
        "{\"enabled\": true}".getBytes());
    return tenant.key();
  }

  private void enable(String key, JsonObject rule) throws Exception {
    JsonObject saved = client.post("/v1/fraud/rules", key, rule);
    client.send(
        "POST",
        "/v1/fraud/rules/" + saved.getString("id") + "/enable",
        key,
        "application/json",
        "{}".getBytes());
  }

  private JsonObject awaitJob(String key, String id) throws Exception {
    while (true) {
      JsonObject job = new JsonObject(client.send("GET", "/v1/fraud/jobs/" + id, key, null, null));
      if (!job.getString("state").equals("running") && !job.getString("state").equals("queued")) {
        return job;
      }
      Thread.sleep(200);
    }
  }

  /** The plugin's classes and libraries from its archive, over this JVM's own (Vert.x, SDK). */
  private static URLClassLoader classLoader(Path archive) throws IOException {
    Path dir = ScratchDirectories.create("fraud-bench-plugin");
    List<URL> urls = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir) || entry.isDirectory()) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
        if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
          urls.add(target.toUri().toURL());
        }
      }
    }
    urls.add(dir.resolve("classes").toUri().toURL()); // a directory URL (ends in /) once it exists
    return new URLClassLoader(urls.toArray(URL[]::new), FraudBench.class.getClassLoader());
  }
}
