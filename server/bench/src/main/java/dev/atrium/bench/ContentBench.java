package dev.atrium.bench;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.Redaction;
import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.runtime.safety.PiiEvaluation;
import dev.atrium.plugin.runtime.safety.PiiSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./atrium bench content [rows] [--pii-set file.jsonl]} (default set: {@code
 * server/plugin-runtime/eval/pii-eval.jsonl}): installs the content plugin in a fresh server (its
 * own JVM) and prints, through the plugin's API:
 *
 * <ul>
 *   <li>summary quality: ROUGE-L F1 of the extractive summary (2 sentences) against the reference
 *       summaries of {@code plugins/content/eval/summaries.jsonl} (English by lower-cased word,
 *       Chinese by character), beside the lead-2 baseline (the first two sentences);
 *   <li>batch throughput: {@code rows} rows (default 40) of the product-description template as one
 *       CSV batch job, against the same rows sent one {@code /generate} request at a time;
 *   <li>PII precision and recall per type of {@code /v1/content/redact} on a JSONL set ({@code
 *       {"text", "entities": [{"type", "start", "end"}]}}, look-alikes with no entities), when one
 *       is given: an entity counts when type and offsets match exactly.
 * </ul>
 */
public final class ContentBench {
  private static final Path EVAL = Path.of("plugins/content/eval");
  private static final String OPERATOR = "bench-operator@example.com";
  private static final String PASSWORD = "bench operator password";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final BenchClient client;
  private String key;

  private ContentBench(int port) {
    this.client = new BenchClient(port);
  }

  public static void main(String[] args) throws Exception {
    int rows = 40;
    Path piiSet = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--pii-set")) {
        piiSet = Path.of(args[++i]);
      } else {
        rows = Integer.parseInt(args[i]);
      }
    }
    Path archive = PluginArchives.built("content");
    try (ServerProcess server =
        ServerProcess.start(
            Map.of("ATRIUM_OPERATOR_EMAIL", OPERATOR, "ATRIUM_OPERATOR_PASSWORD", PASSWORD))) {
      ContentBench bench = new ContentBench(server.port());
      bench.key =
          bench.client.tenantKeyWithPlugin(
              OPERATOR, PASSWORD, archive, "content", new JsonObject().put("maxTokens", 48));
      bench.summaries();
      bench.throughput(rows);
      bench.pii(piiSet);
    }
  }

  private void summaries() throws Exception {
    Map<String, double[]> scores = new TreeMap<>();
    for (String line : Files.readAllLines(EVAL.resolve("summaries.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject doc = new JsonObject(line);
      JsonObject summary =
          client.post(
              "/v1/content/summarize",
              key,
              new JsonObject().put("text", doc.getString("text")).put("sentences", 2));
      List<String> sentences = new ArrayList<>();
      JsonArray all =
          client
              .post(
                  "/v1/content/summarize",
                  key,
                  new JsonObject().put("text", doc.getString("text")).put("sentences", 20))
              .getJsonArray("sentences");
      for (int i = 0; i < 2 && i < all.size(); i++) {
        sentences.add(all.getJsonObject(i).getString("text"));
      }
      boolean zh = doc.getString("language").equals("zh");
      String lead = String.join(zh ? "" : " ", sentences);
      double[] s = scores.computeIfAbsent(doc.getString("language"), l -> new double[3]);
      s[0] += rougeL(summary.getString("summary"), doc.getString("reference"), zh);
      s[1] += rougeL(lead, doc.getString("reference"), zh);
      s[2]++;
    }
    System.out.printf("%nSummary quality (%s, ROUGE-L F1)%n", EVAL.resolve("summaries.jsonl"));
    System.out.printf("%-9s %9s %12s %12s%n", "language", "documents", "centrality", "lead-2");
    scores.forEach(
        (language, s) ->
            System.out.printf(
                "%-9s %9d %12.3f %12.3f%n", language, (int) s[2], s[0] / s[2], s[1] / s[2]));
  }

  private void throughput(int rows) throws Exception {
    StringBuilder csv = new StringBuilder("product,features\n");
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      csv.append("Lamp ").append(i).append(",warm light|usb charging\n");
      bodies.add(
          new JsonObject()
              .put("templateId", "product-description-en")
              .put("seed", i)
              .put(
                  "variables",
                  new JsonObject()
                      .put("product", "Lamp " + i)
                      .put("features", new JsonArray().add("warm light").add("usb charging"))));
    }
    long started = System.nanoTime();
    for (JsonObject body : bodies) {
      client.post("/v1/content/generate", key, body);
    }
    double sequential = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    JsonObject batch =
        new JsonObject(
            client.send(
                "POST",
                "/v1/content/batches?templateId=product-description-en",
                key,
                "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)));
    String id = batch.getString("id");
    while (batch.getString("state").equals("running")) {
      Thread.sleep(100);
      batch = new JsonObject(client.send("GET", "/v1/content/batches/" + id, key, null, null));
    }
    double batched = (System.nanoTime() - started) / 1e9;
    JsonObject counts = batch.getJsonObject("counts");
    System.out.printf(
        "%nBatch throughput, %d rows of product-description-en (48 tokens each at most)%n", rows);
    System.out.printf(
        "one request at a time  %7.2f rows/s (%.1f s)%n", rows / sequential, sequential);
    System.out.printf(
        "one batch job          %7.2f rows/s (%.1f s, state %s, done %d, flagged %d, failed %d)%n",
        rows / batched,
        batched,
        batch.getString("state"),
        counts.getInteger("done"),
        counts.getInteger("flagged"),
        counts.getInteger("failed"));
    System.out.printf("speed-up               %7.2fx%n", sequential / batched);
  }

  /**
   * Scores {@code /v1/content/redact} on the shipped PII evaluation set (or {@code set}) with the
   * same evaluator as the unit test of the text safety service, so both report alike.
   */
  private void pii(Path set) {
    Path file = set == null ? PiiEvaluation.DEFAULT_SET : set;
    PiiEvaluation evaluation = PiiEvaluation.of(new RedactEndpoint(), PiiSample.read(file));
    System.out.printf("%nPII detection of /v1/content/redact on %s (type and text)%n", file);
    System.out.print(evaluation.table());
  }

  /** The plugin's redact route seen as a {@link TextSafety}, for the evaluator. */
  private final class RedactEndpoint implements TextSafety {
    @Override
    public List<PiiEntity> findPii(String text, Set<PiiType> types) {
      JsonObject answer;
      try {
        answer = client.post("/v1/content/redact", key, new JsonObject().put("text", text));
      } catch (Exception e) {
        throw new IllegalStateException("/v1/content/redact failed", e);
      }
      List<PiiEntity> found = new ArrayList<>();
      for (Object e : answer.getJsonArray("entities")) {
        JsonObject entity = (JsonObject) e;
        PiiType type = PiiType.valueOf(entity.getString("type").toUpperCase(Locale.ROOT));
        if (types.contains(type)) {
          int start = entity.getInteger("start");
          int end = entity.getInteger("end");
          found.add(new PiiEntity(type, start, end, text.substring(start, end)));
        }
      }
      return found;
    }

    @Override
    public Redaction redact(String text, Set<PiiType> types) {
      throw new UnsupportedOperationException("the evaluator only finds");
    }

    @Override
    public List<TermMatch> findBannedTerms(String text, TermList terms) {
      throw new UnsupportedOperationException("the evaluator only finds");
    }
  }

  /** ROUGE-L F1: the longest common subsequence of tokens over the candidate and the reference. */
  static double rougeL(String candidate, String reference, boolean byCharacter) {
    List<String> c = tokens(candidate, byCharacter);
    List<String> r = tokens(reference, byCharacter);
    if (c.isEmpty() || r.isEmpty()) {
      return 0;
    }
    int[][] lcs = new int[c.size() + 1][r.size() + 1];
    for (int i = 1; i <= c.size(); i++) {
      for (int j = 1; j <= r.size(); j++) {
        lcs[i][j] =
            c.get(i - 1).equals(r.get(j - 1))
                ? lcs[i - 1][j - 1] + 1
                : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
      }
    }
    double precision = (double) lcs[c.size()][r.size()] / c.size();
    double recall = (double) lcs[c.size()][r.size()] / r.size();
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  private static List<String> tokens(String text, boolean byCharacter) {
    List<String> tokens = new ArrayList<>();
    if (byCharacter) {
      text.codePoints()
          .filter(Character::isLetterOrDigit)
          .forEach(cp -> tokens.add(new String(Character.toChars(cp))));
      return tokens;
    }
    Matcher m = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }
}
