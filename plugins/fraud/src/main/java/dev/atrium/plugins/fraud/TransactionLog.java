package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One tenant's scored payments (transaction, features, score, decision, rules hit, top reasons,
 * label), kept for backtests, training and reports: appended in memory on the hot path and written
 * behind as segments in the tenant's document store ({@code log} collection, ids {@code
 * <day>/<millis>-<seq>}, each of at most 200,000 characters: under the store's 1 MiB document
 * limit, and under half of G1's smallest heap region (1 MiB), so no segment is a humongous object),
 * so a score costs no database write. The newest entries also feed the dashboard's live stream.
 */
final class TransactionLog {
  static final String COLLECTION = "log";
  private static final int RECENT = 500;
  private static final int SEGMENT_CHARS = 200_000;
  private static final int PAGE = 100;

  private final DocumentStore documents;
  private final AtomicLong sequence = new AtomicLong();
  private List<JsonObject> pending = new ArrayList<>();
  private final ReentrantLock writing = new ReentrantLock();
  private final Deque<JsonObject> recent = new ArrayDeque<>();

  TransactionLog(DocumentStore documents) {
    this.documents = documents;
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

  /**
   * Writes the pending entries as segments; answers how many entries. Blocks, and waits for a flush
   * already under way, so a reader that flushes first sees every entry appended before it.
   */
  int flush() {
    writing.lock();
    try {
      return writePending();
    } finally {
      writing.unlock();
    }
  }

  private int writePending() {
    List<JsonObject> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return 0;
      }
      batch = pending;
      pending = new ArrayList<>();
    }
    Map<LocalDate, List<JsonObject>> byDay = new TreeMap<>();
    for (JsonObject entry : batch) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(entry.getLong("t")), ZoneOffset.UTC);
      byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(entry);
    }
    long now = System.currentTimeMillis();
    List<JsonObject> unwritten = new ArrayList<>(batch);
    try {
      for (var day : byDay.entrySet()) {
        JsonArray segment = new JsonArray();
        int chars = 0;
        for (JsonObject entry : day.getValue()) {
          int size = entry.encode().length();
          if (chars + size > SEGMENT_CHARS && !segment.isEmpty()) {
            write(day.getKey(), now, segment, unwritten);
            segment = new JsonArray();
            chars = 0;
          }
          segment.add(entry);
          chars += size + 1;
        }
        write(day.getKey(), now, segment, unwritten);
      }
    } catch (RuntimeException e) {
      // What was not written goes back in front of what arrived meanwhile, for the next flush.
      synchronized (this) {
        unwritten.addAll(pending);
        pending = unwritten;
      }
      throw e;
    }
    return batch.size();
  }

  /** Stores {@code segment}, then takes its entries off {@code unwritten}. */
  private void write(LocalDate day, long now, JsonArray segment, List<JsonObject> unwritten) {
    String id = day + "/" + now + "-" + sequence.incrementAndGet();
    // putAll answers a count: put would answer the segment parsed back.
    documents.putAll(COLLECTION, Map.of(id, new JsonObject().put("entries", segment))).await();
    Set<Object> written = Collections.newSetFromMap(new IdentityHashMap<>());
    segment.forEach(written::add);
    unwritten.removeIf(written::contains);
  }

  /**
   * Every stored entry whose day is in {@code [from, to]} (UTC), by segment; entries not yet
   * flushed are flushed first.
   */
  void read(LocalDate from, LocalDate to, Consumer<JsonObject> each) {
    flush();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      String after = null;
      while (true) {
        List<Document> page = documents.list(COLLECTION, day + "/", after, PAGE).await();
        for (Document segment : page) {
          segment.data().getJsonArray("entries").forEach(entry -> each.accept((JsonObject) entry));
        }
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
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
