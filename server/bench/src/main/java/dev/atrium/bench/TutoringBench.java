package dev.atrium.bench;

import dev.atrium.bench.BenchTenants.BenchTenant;
import dev.atrium.bench.LoadGenerator.Call;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./atrium bench tutoring [learners] [seconds]}: installs the tutoring plugin in a fresh
 * server (its own JVM) and, over HTTP, on simulated learners whose abilities are known (normal) and
 * items whose true parameters are known (2PL, a from 0.8 to 2, b from -2.5 to 2.5):
 *
 * <ol>
 *   <li>training learners answer random items; the plugin calibrates the bank from their answers
 *       (reported: correlation of estimated with true difficulties);
 *   <li>new learners are driven to a target standard error of their ability by the adaptive policy
 *       and by random item order: the mean number of items each needs;
 *   <li>held-out learners answer random items: the AUC of the model's prediction made before each
 *       answer, against the item's success rate among the training learners;
 *   <li>{@code /v1/tutoring/next} latency at concurrency 8.
 * </ol>
 */
public final class TutoringBench {
  private static final int ITEMS = 100;
  private static final double TARGET_SE = 0.35;
  private static final int MAX_ITEMS = 60;
  private static final String COURSE = "bench";

  private final BenchClient client;
  private final String key;
  private final double[] a = new double[ITEMS];
  private final double[] b = new double[ITEMS];
  private final AtomicInteger learnerIds = new AtomicInteger();

  private TutoringBench(BenchClient client, String key, Random random) {
    this.client = client;
    this.key = key;
    for (int j = 0; j < ITEMS; j++) {
      a[j] = 0.8 + 1.2 * random.nextDouble();
      b[j] = -2.5 + 5 * random.nextDouble();
    }
  }

  public static void main(String[] args) throws Exception {
    int learners = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Path archive = PluginArchives.built("tutoring");
    try (ServerProcess server =
            ServerProcess.start(
                Map.of(
                    "ATRIUM_OPERATOR_EMAIL",
                    BenchTenants.OPERATOR,
                    "ATRIUM_OPERATOR_PASSWORD",
                    BenchTenants.OPERATOR_PASSWORD));
        LoadGenerator load = new LoadGenerator(server.port(), 8)) {
      String operator = BenchTenants.operatorToken(load);
      BenchClient client = new BenchClient(server.port());
      client.send(
          "POST", "/api/admin/plugins", operator, "application/zip", Files.readAllBytes(archive));
      BenchTenant tenant = BenchTenants.unlimited(load, "tutoring");
      client.send(
          "PUT",
          "/api/plugins/tutoring",
          tenant.ownerToken(),
          "application/json",
          new JsonObject()
              .put("enabled", true)
              .put("settings", new JsonObject().put("recalibrateEvery", 0))
              .encode()
              .getBytes());
      new TutoringBench(client, tenant.key(), new Random(17)).run(server, load, learners, seconds);
    }
  }

  private void run(ServerProcess server, LoadGenerator load, int learners, int seconds)
      throws Exception {
    setUp();
    // 1. Training answers and calibration.
    List<double[]> training = simulate(learners * 4, 30, "random");
    JsonObject job =
        client.post("/v1/tutoring/courses/" + COURSE + "/calibrate", key, new JsonObject());
    String message = awaitJob(job.getString("id"));
    JsonArray bank =
        new JsonObject(
                client.send("GET", "/v1/tutoring/courses/" + COURSE + "/items", key, null, null))
            .getJsonArray("data");
    double[] estimated = new double[ITEMS];
    for (Object o : bank) {
      JsonObject item = (JsonObject) o;
      estimated[Integer.parseInt(item.getString("id").substring(1))] = item.getDouble("b");
    }
    double recovery = correlation(b, estimated);

    // 2. Items to reach the target standard error.
    double adaptiveItems = meanItemsToTarget(learners, "adaptive");
    double randomItems = meanItemsToTarget(learners, "random");

    // 3. AUC on held-out learners: the model's prediction against the item's training success rate.
    double[] right = new double[ITEMS];
    double[] seen = new double[ITEMS];
    for (double[] answer : training) {
      seen[(int) answer[0]]++;
      right[(int) answer[0]] += answer[2];
    }
    List<double[]> heldOut = simulate(learners, 20, "random");
    List<double[]> model = new ArrayList<>();
    List<double[]> baseline = new ArrayList<>();
    List<double[]> modelLater = new ArrayList<>();
    List<double[]> baselineLater = new ArrayList<>();
    for (double[] answer : heldOut) {
      int j = (int) answer[0];
      double[] byModel = {answer[1], answer[2]};
      double[] byRate = {seen[j] == 0 ? 0.5 : right[j] / seen[j], answer[2]};
      model.add(byModel);
      baseline.add(byRate);
      if (answer[3] >= 5) {
        modelLater.add(byModel);
        baselineLater.add(byRate);
      }
    }

    // 4. /next latency at concurrency 8, over the held-out learners.
    AtomicInteger turn = new AtomicInteger();
    int first = learnerIds.get() - learners;
    Call[] calls = new Call[learners];
    for (int i = 0; i < learners; i++) {
      calls[i] =
          Call.post(
              "/v1/tutoring/next",
              key,
              new JsonObject()
                  .put("learnerId", "l" + (first + i))
                  .put("courseId", COURSE)
                  .encode());
    }
    load.closedLoop(() -> calls[turn.getAndIncrement() % calls.length], Duration.ofSeconds(3));
    CostedRun latency =
        CostedRun.of(
            server,
            () ->
                load.closedLoop(
                    () -> calls[turn.getAndIncrement() % calls.length],
                    Duration.ofSeconds(seconds)));
    // The platform's own floor on the same machine at the same moment: an authenticated, metered
    // route that does no work of its own.
    CostedRun floor =
        CostedRun.of(server, () -> load.closedLoop(Call.get("/v1/me", key), Duration.ofSeconds(5)));

    System.out.println();
    System.out.printf(
        "calibration   %s; difficulty recovery r = %.3f (%d training answers)%n",
        message, recovery, training.size());
    System.out.printf("%-28s %10s %10s%n", "", "adaptive", "random");
    System.out.printf(
        "%-28s %10.1f %10.1f   (ratio %.2f, goal <= 0.50)%n",
        "items to SE <= " + TARGET_SE, adaptiveItems, randomItems, adaptiveItems / randomItems);
    System.out.printf("%-28s %10s %10s%n", "", "model", "item rate");
    System.out.printf(
        "%-28s %10.3f %10.3f   (%d held-out answers)%n",
        "AUC next response", auc(model), auc(baseline), heldOut.size());
    System.out.printf(
        "%-28s %10.3f %10.3f   (%d answers after a learner's 5th)%n",
        "AUC, 6th answer on", auc(modelLater), auc(baselineLater), modelLater.size());
    System.out.printf(
        "%-28s p50 %.2f ms, p99 %.2f ms, %.0f req/s, %d failed, server CPU %.3f ms/req"
            + " (goal p99 < 20 ms; load average %.1f)%n",
        "/v1/tutoring/next c=8",
        latency.result().percentileMillis(50),
        latency.result().percentileMillis(99),
        latency.result().requestsPerSecond(),
        latency.result().failed(),
        latency.cpuMillisPerRequest(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        "%-28s p50 %.2f ms, p99 %.2f ms, %.0f req/s, server CPU %.3f ms/req (the platform's"
            + " floor)%n",
        "GET /v1/me c=8",
        floor.result().percentileMillis(50),
        floor.result().percentileMillis(99),
        floor.result().requestsPerSecond(),
        floor.cpuMillisPerRequest());
  }

  private void setUp() throws Exception {
    client.send(
        "PUT",
        "/v1/tutoring/courses/" + COURSE,
        key,
        "application/json",
        new JsonObject()
            .put("title", "Benchmark")
            .put(
                "skills",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "s")
                            .put("name", "Skill")
                            .put("prerequisites", new JsonArray())))
            .encode()
            .getBytes());
    JsonArray items = new JsonArray();
    for (int j = 0; j < ITEMS; j++) {
      items.add(
          new JsonObject()
              .put("id", "i" + j)
              .put("type", "numeric")
              .put("skills", new JsonArray().add("s"))
              .put("prompt", "Item " + j)
              .put("answer", j));
    }
    client.post(
        "/v1/tutoring/courses/" + COURSE + "/items", key, new JsonObject().put("items", items));
  }

  /**
   * New learners answer {@code count} items each; rows of (item, predicted, right, n-th answer).
   */
  private List<double[]> simulate(int learners, int count, String policy) throws Exception {
    List<double[]> answers = Collections.synchronizedList(new ArrayList<>());
    parallel(
        learners,
        (learner, random) -> {
          double theta = random.nextGaussian();
          for (int n = 0; n < count; n++) {
            JsonObject graded = step(learner, theta, policy, random);
            if (graded == null) {
              break;
            }
            answers.add(
                new double[] {
                  graded.getInteger("index"),
                  graded.getDouble("predicted"),
                  graded.getBoolean("right") ? 1 : 0,
                  n
                });
          }
          return count;
        });
    return answers;
  }

  private double meanItemsToTarget(int learners, String policy) throws Exception {
    List<Integer> used =
        parallel(
            learners,
            (learner, random) -> {
              double theta = random.nextGaussian();
              for (int n = 1; n <= MAX_ITEMS; n++) {
                JsonObject graded = step(learner, theta, policy, random);
                if (graded == null
                    || graded.getJsonObject("skills").getJsonObject("s").getDouble("standardError")
                        <= TARGET_SE) {
                  return n;
                }
              }
              return MAX_ITEMS;
            });
    return used.stream().mapToInt(Integer::intValue).average().orElse(0);
  }

  /**
   * One served item answered as a learner of ability {@code theta} would; null when none is left.
   */
  private JsonObject step(String learner, double theta, String policy, Random random)
      throws Exception {
    JsonObject next =
        client.post(
            "/v1/tutoring/next",
            key,
            new JsonObject()
                .put("learnerId", learner)
                .put("courseId", COURSE)
                .put("policy", policy));
    if (next.getValue("item") == null) {
      return null;
    }
    int j = Integer.parseInt(next.getJsonObject("item").getString("id").substring(1));
    boolean right = random.nextDouble() < 1 / (1 + Math.exp(-a[j] * (theta - b[j])));
    return client
        .post(
            "/v1/tutoring/responses",
            key,
            new JsonObject()
                .put("learnerId", learner)
                .put("courseId", COURSE)
                .put("itemId", "i" + j)
                .put("answer", right ? j : j + 1000))
        .put("index", j);
  }

  private interface Learner {
    int run(String learnerId, Random random) throws Exception;
  }

  /** Runs {@code count} new learners, 8 at a time. */
  private List<Integer> parallel(int count, Learner learner) throws Exception {
    List<Future<Integer>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < count; i++) {
        String id = "l" + learnerIds.getAndIncrement();
        long seed = id.hashCode();
        results.add(
            pool.submit(
                () -> {
                  client.send(
                      "PUT",
                      "/v1/tutoring/learners/" + id,
                      key,
                      "application/json",
                      new JsonObject()
                          .put("courses", new JsonArray().add(COURSE))
                          .encode()
                          .getBytes());
                  return learner.run(id, new Random(seed));
                }));
      }
      List<Integer> values = new ArrayList<>();
      for (Future<Integer> result : results) {
        values.add(result.get());
      }
      return values;
    }
  }

  private String awaitJob(String id) throws Exception {
    for (int i = 0; i < 1200; i++) {
      JsonObject job =
          new JsonObject(client.send("GET", "/v1/tutoring/jobs/" + id, key, null, null));
      if (!job.getString("state").equals("running")) {
        if (!job.getString("state").equals("succeeded")) {
          throw new IOException("calibration failed: " + job.encode());
        }
        return job.getString("message");
      }
      Thread.sleep(100);
    }
    throw new IOException("calibration did not finish in 2 minutes");
  }

  /** The area under the ROC curve of (score, label) pairs, ties counted half. */
  static double auc(List<double[]> scored) {
    List<double[]> sorted = new ArrayList<>(scored);
    sorted.sort((x, y) -> Double.compare(x[0], y[0]));
    double positives = sorted.stream().filter(s -> s[1] == 1).count();
    double negatives = sorted.size() - positives;
    double rankSum = 0;
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (sorted.get(k)[1] == 1) {
          rankSum += rank;
        }
      }
      i = j;
    }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
