package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.BlobInfo;
import dev.atrium.plugin.api.BlobStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One tenant's scored payments (transaction, features, score, decision, rules hit), kept for
 * backtests, training and reports: appended in memory on the hot path and written behind as
 * JSON-lines segments in the tenant's blob store ({@code log/<day>/<millis>-<seq>.jsonl}, one
 * segment per day per flush), so a score costs no database write. The newest entries also feed the
 * dashboard's live stream.
 */
final class TransactionLog {
  static final String PREFIX = "log/";
  private static final int RECENT = 500;

  private final BlobStore blobs;
  private final AtomicLong sequence = new AtomicLong();
  private List<JsonObject> pending = new ArrayList<>();
  private final Deque<JsonObject> recent = new ArrayDeque<>();

  TransactionLog(BlobStore blobs) {
    this.blobs = blobs;
  }

  /** Appends an entry; {@code seq} is set to its place in this process's stream. */
  synchronized void append(JsonObject entry) {
    entry.put("seq", sequence.incrementAndGet());
    pending.add(entry);
    recent.addLast(entry);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  /** The newest entries after {@code afterSeq}, oldest first, at most {@code limit}. */
  synchronized List<JsonObject> recent(long afterSeq, int limit) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject entry : recent) {
      if (entry.getLong("seq") > afterSeq) {
        out.add(entry);
      }
    }
    return out.size() > limit ? out.subList(out.size() - limit, out.size()) : out;
  }

  /** Writes the pending entries as segments; answers how many entries. Blocks. */
  int flush() {
    List<JsonObject> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return 0;
      }
      batch = pending;
      pending = new ArrayList<>();
    }
    Map<LocalDate, StringBuilder> byDay = new TreeMap<>();
    for (JsonObject entry : batch) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(entry.getLong("t")), ZoneOffset.UTC);
      byDay.computeIfAbsent(day, d -> new StringBuilder()).append(entry.encode()).append('\n');
    }
    long now = System.currentTimeMillis();
    for (var day : byDay.entrySet()) {
      String name = PREFIX + day.getKey() + "/" + now + "-" + sequence.incrementAndGet() + ".jsonl";
      blobs.put(name, Buffer.buffer(day.getValue().toString()), "application/jsonl").await();
    }
    return batch.size();
  }

  /**
   * Every stored entry whose day is in {@code [from, to]} (UTC), by segment; entries not yet
   * flushed are flushed first.
   */
  void read(LocalDate from, LocalDate to, Consumer<JsonObject> each) {
    flush();
    List<BlobInfo> segments = new ArrayList<>(blobs.list(PREFIX).await());
    segments.sort(Comparator.comparing(BlobInfo::name));
    for (BlobInfo segment : segments) {
      String rest = segment.name().substring(PREFIX.length());
      LocalDate day = LocalDate.parse(rest.substring(0, rest.indexOf('/')));
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      blobs
          .get(segment.name())
          .await()
          .ifPresent(
              blob -> {
                for (String line : blob.content().toString().split("\n")) {
                  if (!line.isBlank()) {
                    each.accept(new JsonObject(line));
                  }
                }
              });
    }
  }

  /**
   * An entry's label: a case outcome ({@code outcomes}, by transaction id) wins over the label it
   * was uploaded with; null when neither exists.
   */
  static Integer label(JsonObject entry, Map<String, Integer> outcomes) {
    Integer outcome = outcomes.get(entry.getJsonObject("txn").getString("id"));
    return outcome != null ? outcome : entry.getInteger("y");
  }

  /** The features an entry stored, in {@link Feature} order. */
  static double[] features(JsonObject entry) {
    JsonArray f = entry.getJsonArray("f");
    double[] out = new double[f.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.getDouble(i);
    }
    return out;
  }
}
