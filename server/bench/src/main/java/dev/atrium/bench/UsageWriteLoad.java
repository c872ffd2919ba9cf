package dev.atrium.bench;

import dev.atrium.persistence.billing.UsageEvent;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Durable usage writes as a metered server makes them: {@code concurrency} threads, each storing
 * one request's events (requests, tokens, compute time) at a time and waiting until the store says
 * they are durable, as a request must before it is answered. Thread i writes for tenant i modulo
 * the tenants given. A short warm-up precedes the measured run; {@code settle} runs at the end of
 * each and counts in its time (moving the last journaled events into the database, say).
 */
final class UsageWriteLoad {
  static final int EVENTS_PER_REQUEST = 3;
  private static final String[] METERS = {"requests", "embedding_tokens", "compute_ms.cpu"};
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private UsageWriteLoad() {}

  /** Warms up, then measures; the result counts requests of {@link #EVENTS_PER_REQUEST} events. */
  static LoadResult measure(
      List<UUID> tenants,
      int concurrency,
      Duration duration,
      Consumer<List<UsageEvent>> store,
      Runnable settle)
      throws InterruptedException {
    run(tenants, concurrency, WARM_UP, store, settle);
    return run(tenants, concurrency, duration, store, settle);
  }

  private static LoadResult run(
      List<UUID> tenants,
      int concurrency,
      Duration duration,
      Consumer<List<UsageEvent>> store,
      Runnable settle)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    List<List<Long>> latencies = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    String run = UUID.randomUUID().toString();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      UUID tenant = tenants.get(t % tenants.size());
      List<Long> mine = new ArrayList<>();
      latencies.add(mine);
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      String request = run + ":" + next.incrementAndGet();
                      long began = System.nanoTime();
                      store.accept(events(tenant, request));
                      mine.add(System.nanoTime() - began);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    settle.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    return new LoadResult(all.length, 0, seconds, all);
  }

  private static List<UsageEvent> events(UUID tenant, String request) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<UsageEvent> events = new ArrayList<>(METERS.length);
    for (int i = 0; i < METERS.length; i++) {
      events.add(
          new UsageEvent(
              tenant,
              request + ":" + METERS[i],
              UsageEvent.NO_KEY,
              "",
              "bench",
              METERS[i],
              i + 1,
              now));
    }
    return events;
  }
}
