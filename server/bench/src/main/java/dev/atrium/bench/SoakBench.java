package dev.atrium.bench;

import dev.atrium.bench.BenchTenants.BenchTenant;
import dev.atrium.bench.LoadGenerator.Call;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./atrium bench soak}: mixed traffic across tenants against a server in its own JVM (prod
 * profile, embedded H2, bundled models) for N minutes. Three tenants on an unlimited plan, each
 * with the customer-service plugin enabled and two of its evaluation documents ingested, send,
 * {@code concurrency} at a time: embeddings of short sentences (half the requests),
 * customer-service answers (a third) and dashboard usage reports (the rest). Every 20 s one tenant
 * rotates its API key (the old one stays valid for a 10 s grace, as a client switching over needs)
 * and the traffic moves to the new key; halfway through, the operator upgrades the plugin to a new
 * version. Prints, per minute: requests, errors, p50 and p99 latency, the server's resident memory
 * and where it is ({@link JvmMemory}: heap live after a full collection, heap committed, native
 * memory by category, untracked native memory). Goal: no error at all, and memory flat after the
 * warm-up (the last minute within 10% of the second).
 *
 * <p>Arguments: {@code [minutes] [concurrency]}, defaults 10 and 8.
 */
public final class SoakBench {
  private static final int TENANTS = 3;
  private static final Duration ROTATE_EVERY = Duration.ofSeconds(20);
  private static final int GRACE_SECONDS = 10;
  private static final String PLUGIN = "customer-service";
  private static final List<String> DOCUMENTS = List.of("delivery-en.md", "faq-zh.json");
  private static final List<String> SENTENCES =
      List.of(
          "How do I reset my password?",
          "我忘记了密码",
          "Where is my parcel?",
          "Can I return a sofa after thirty days?",
          "发票怎么开？",
          "The air purifier shows a red light.");
  private static final List<String> QUESTIONS =
      List.of(
          "How much does next-day delivery cost?",
          "Do you deliver to the Scottish islands?",
          "可以用支付宝付款吗？",
          "When will my order arrive if I order on Friday?");

  private SoakBench() {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path archive = PluginArchives.built("customer-service");
    byte[] upgrade = withVersion(Files.readAllBytes(archive), "soak");
    try (ServerProcess server =
            ServerProcess.start(
                Map.of(
                    "ATRIUM_OPERATOR_EMAIL",
                    BenchTenants.OPERATOR,
                    "ATRIUM_OPERATOR_PASSWORD",
                    BenchTenants.OPERATOR_PASSWORD),
                List.of("-XX:NativeMemoryTracking=summary"));
        LoadGenerator load = new LoadGenerator(server.port(), concurrency)) {
      BenchClient client = new BenchClient(server.port());
      String operator = operatorToken(client);
      client.send(
          "POST", "/api/admin/plugins", operator, "application/zip", Files.readAllBytes(archive));
      List<BenchTenant> tenants = new ArrayList<>();
      AtomicReferenceArray<String[]> keys = new AtomicReferenceArray<>(TENANTS);
      for (int t = 0; t < TENANTS; t++) {
        BenchTenant tenant = BenchTenants.unlimited(load, "soak-" + t);
        tenants.add(tenant);
        keys.set(t, new String[] {tenant.keyId(), tenant.key()});
        setUpPlugin(client, tenant);
      }
      System.out.printf(
          "%nAtrium soak: %d minutes, %d tenants, concurrency %d, %d cores%n%n",
          minutes, TENANTS, concurrency, Runtime.getRuntime().availableProcessors());
      System.out.printf(
          "%6s %9s %7s %9s %9s %9s %s  %s%n",
          "minute",
          "requests",
          "errors",
          "p50 ms",
          "p99 ms",
          "RSS MiB",
          JvmMemory.header(),
          "events");
      Background background =
          new Background(
              client, operator, tenants, keys, upgrade, Duration.ofMinutes(minutes).dividedBy(2));
      Thread events = Thread.ofPlatform().daemon().start(background);
      Supplier<Call> traffic = traffic(tenants, keys);
      long errors = 0;
      List<Long> rss = new ArrayList<>();
      List<Long> live = new ArrayList<>();
      for (int minute = 1; minute <= minutes; minute++) {
        LoadResult r = load.closedLoop(traffic, Duration.ofMinutes(1));
        long memory = server.residentMebibytes()[0];
        JvmMemory jvm = JvmMemory.read(server);
        rss.add(memory);
        live.add(jvm.liveHeapMib());
        errors += r.failed();
        System.out.printf(
            "%6d %9d %7d %9.1f %9.1f %9d %s  %s%n",
            minute,
            r.ok() + r.failed(),
            r.failed(),
            r.percentileMillis(50),
            r.percentileMillis(99),
            memory,
            jvm.line(memory),
            background.drain());
      }
      events.interrupt();
      long warm = rss.get(Math.min(1, rss.size() - 1));
      long last = rss.getLast();
      boolean flat = last <= warm * 1.10;
      System.out.printf(
          "%nerrors: %d (goal 0: %s); memory after warm-up %d MiB, at the end %d MiB (%+.1f%%,"
              + " goal within 10%%: %s); background failures: %d%n",
          errors,
          errors == 0 ? "MET" : "NOT MET",
          warm,
          last,
          100.0 * (last - warm) / warm,
          flat ? "MET" : "NOT MET",
          background.failures.get());
      System.out.printf(
          "heap live after a full GC: after warm-up %d MiB, at the end %d MiB%n",
          live.get(Math.min(1, live.size() - 1)), live.getLast());
    }
  }

  /** Embeddings, customer-service answers and usage reports, round robin over the tenants. */
  private static Supplier<Call> traffic(
      List<BenchTenant> tenants, AtomicReferenceArray<String[]> keys) {
    AtomicLong next = new AtomicLong();
    return () -> {
      long n = next.getAndIncrement();
      int t = (int) (n % tenants.size());
      String key = keys.get(t)[1];
      long kind = (n / tenants.size()) % 6;
      if (kind < 3) {
        return Call.post(
            "/v1/embeddings",
            key,
            new JsonObject().put("input", SENTENCES.get((int) (n % SENTENCES.size()))).encode());
      }
      if (kind < 5) {
        return Call.post(
            "/v1/customer-service/answer",
            key,
            new JsonObject().put("question", QUESTIONS.get((int) (n % QUESTIONS.size()))).encode());
      }
      return Call.get("/api/usage?groupBy=meter", tenants.get(t).ownerToken());
    };
  }

  /** Key rotations every {@link #ROTATE_EVERY} and the plugin upgrade, off the load's threads. */
  private static final class Background implements Runnable {
    private final BenchClient client;
    private final String operator;
    private final List<BenchTenant> tenants;
    private final AtomicReferenceArray<String[]> keys;
    private final byte[] upgrade;
    private final Duration upgradeAfter;
    private final List<String> happened = new ArrayList<>();
    final AtomicLong failures = new AtomicLong();

    Background(
        BenchClient client,
        String operator,
        List<BenchTenant> tenants,
        AtomicReferenceArray<String[]> keys,
        byte[] upgrade,
        Duration upgradeAfter) {
      this.client = client;
      this.operator = operator;
      this.tenants = tenants;
      this.keys = keys;
      this.upgrade = upgrade;
      this.upgradeAfter = upgradeAfter;
    }

    @Override
    public void run() {
      long start = System.nanoTime();
      boolean upgraded = false;
      for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
        try {
          Thread.sleep(ROTATE_EVERY);
          int t = round % tenants.size();
          JsonObject fresh =
              client.post(
                  "/api/keys/" + keys.get(t)[0] + "/rotate",
                  tenants.get(t).ownerToken(),
                  new JsonObject().put("gracePeriodSeconds", GRACE_SECONDS));
          keys.set(t, new String[] {fresh.getString("id"), fresh.getString("key")});
          note("key rotated (tenant " + t + ")");
          if (!upgraded && System.nanoTime() - start >= upgradeAfter.toNanos()) {
            JsonObject plugin =
                new JsonObject(
                    client.send(
                        "PUT",
                        "/api/admin/plugins/" + PLUGIN,
                        operator,
                        "application/zip",
                        upgrade));
            upgraded = true;
            note("plugin upgraded to " + plugin.getString("version"));
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          failures.incrementAndGet();
          note("FAILED: " + e.getMessage());
        }
      }
    }

    private synchronized void note(String event) {
      happened.add(event);
    }

    /** What happened since the last call, for the minute's line. */
    synchronized String drain() {
      String text = String.join("; ", happened);
      happened.clear();
      return text;
    }
  }

  private static String operatorToken(BenchClient client) throws Exception {
    return client
        .post(
            "/api/auth/login",
            null,
            new JsonObject()
                .put("email", BenchTenants.OPERATOR)
                .put("password", BenchTenants.OPERATOR_PASSWORD))
        .getString("token");
  }

  private static void setUpPlugin(BenchClient client, BenchTenant tenant) throws Exception {
    client.send(
        "PUT",
        "/api/plugins/" + PLUGIN,
        tenant.ownerToken(),
        "application/json",
        new JsonObject().put("enabled", true).encode().getBytes(StandardCharsets.UTF_8));
    Path docs = Path.of("plugins/customer-service/eval/docs");
    for (String document : DOCUMENTS) {
      client.send(
          "POST",
          "/v1/customer-service/documents?fileName=" + document + "&documentId=" + document,
          tenant.key(),
          null,
          Files.readAllBytes(docs.resolve(document)));
    }
    for (String document : DOCUMENTS) {
      client.awaitDocument(tenant.key(), document);
    }
  }

  /** The plugin archive with {@code suffix} appended to its version (the upgrade's archive). */
  private static byte[] withVersion(byte[] archive, String suffix) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(archive.length + 1024);
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(archive));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("plugin.properties")) {
          content = bumped(content, suffix);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] bumped(byte[] descriptor, String suffix) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = new java.io.ByteArrayInputStream(descriptor)) {
      properties.load(in);
    }
    String version = properties.getProperty("plugin.version");
    properties.setProperty("plugin.version", version.replace("-SNAPSHOT", "") + "-" + suffix);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    properties.store(out, null);
    return out.toByteArray();
  }
}
