package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable usage ledger, by group commit. {@link #append} queues an event and returns a future
 * that completes only after the transaction holding it (events and rollups together) has committed:
 * a caller that waits for it before answering never acknowledges usage that a crash could lose. One
 * writer thread takes everything queued (up to {@code maxBatch} appends) into each transaction, so
 * batches grow with load and throughput comes from fewer commits, not from acknowledging early. A
 * crash mid-batch rolls the whole batch back; nothing in it was acknowledged, and the client's
 * retry with the same idempotency key stores it once.
 */
public final class UsageLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
  private static final int ATTEMPTS = 3;

  /** Told about every committed batch, on the writer thread, before the futures complete. */
  @FunctionalInterface
  public interface Listener {
    void committed(List<UsageEvent> batch, Set<UsageEvent> stored);
  }

  private sealed interface Item permits Append, Read, Stop {}

  /** Events that go into one transaction together; done holds, per event, whether it was new. */
  private record Append(List<UsageEvent> events, CompletableFuture<List<Boolean>> done)
      implements Item {}

  private record Read(Runnable work) implements Item {}

  private record Stop() implements Item {}

  private final Database database;
  private final int maxBatch;
  private final Listener listener;
  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean open = true;

  public UsageLedger(Database database, int maxBatch, Listener listener) {
    this.database = requireNonNull(database, "database is null");
    this.listener = requireNonNull(listener, "listener is null");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive");
    }
    this.maxBatch = maxBatch;
    this.writer = Thread.ofPlatform().name("atrium-usage-ledger").daemon().start(this::run);
  }

  /**
   * Queues {@code event}; the future completes with true once it is durably stored, false if an
   * event with its idempotency key was stored before, or fails if it could not be stored.
   */
  public CompletableFuture<Boolean> append(UsageEvent event) {
    requireNonNull(event, "event is null");
    return appendAll(List.of(event)).thenApply(List::getFirst);
  }

  /**
   * Queues {@code events} to be stored in one transaction (all or none); the future completes with,
   * per event, true if it was stored and false if its idempotency key was stored before.
   */
  public CompletableFuture<List<Boolean>> appendAll(List<UsageEvent> events) {
    List<UsageEvent> copy = List.copyOf(events);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty");
    }
    CompletableFuture<List<Boolean>> done = new CompletableFuture<>();
    if (!open) {
      done.completeExceptionally(new IllegalStateException("the usage ledger is closed"));
      return done;
    }
    queue.add(new Append(copy, done));
    return done;
  }

  /**
   * Runs {@code query} on the writer thread between two batches, so that what it reads is
   * consistent with the batches the {@link Listener} has been told about.
   */
  public <T> CompletableFuture<T> read(Function<DSLContext, T> query) {
    CompletableFuture<T> done = new CompletableFuture<>();
    queue.add(
        new Read(
            () -> {
              try {
                done.complete(query.apply(database.dsl()));
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            }));
    return done;
  }

  /** Events waiting for the writer. */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    List<Item> items = new ArrayList<>();
    List<Append> batch = new ArrayList<>();
    boolean stopping = false;
    while (true) {
      if (!stopping) {
        try {
          items.add(queue.take());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      queue.drainTo(items, maxBatch - items.size());
      if (stopping && items.isEmpty()) {
        return;
      }
      for (Item item : items) {
        switch (item) {
          case Append append -> batch.add(append);
          case Read read -> {
            write(batch);
            read.work().run();
          }
          case Stop stop -> stopping = true;
        }
      }
      items.clear();
      write(batch);
    }
  }

  private void write(List<Append> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<UsageEvent> events = batch.stream().flatMap(a -> a.events().stream()).toList();
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        List<UsageEvent> stored =
            database.dsl().transactionResult(c -> new UsageRepository(c.dsl()).append(events));
        Set<UsageEvent> storedSet = Collections.newSetFromMap(new IdentityHashMap<>());
        storedSet.addAll(stored);
        notifyListener(events, storedSet);
        batch.forEach(
            a -> a.done().complete(a.events().stream().map(storedSet::contains).toList()));
        batch.clear();
        return;
      } catch (DataAccessException e) {
        // A concurrent writer (another replica) stored one of these keys, or the database blipped:
        // the transaction rolled back as a whole, so trying again is safe.
        failure = e;
        LOG.warn(
            "Usage batch of {} failed (attempt {}): {}", events.size(), attempt, e.getMessage());
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    RuntimeException cause = failure;
    notifyListener(events, Set.of());
    batch.forEach(a -> a.done().completeExceptionally(cause));
    batch.clear();
  }

  private void notifyListener(List<UsageEvent> events, Set<UsageEvent> stored) {
    try {
      listener.committed(events, stored);
    } catch (RuntimeException e) {
      LOG.error("Usage listener failed", e);
    }
  }

  /** Stops accepting events, writes everything already queued, and waits for the writer. */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    queue.add(new Stop());
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Item> late = new ArrayList<>();
    queue.drainTo(late);
    late.stream()
        .filter(Append.class::isInstance)
        .forEach(
            i ->
                ((Append) i)
                    .done()
                    .completeExceptionally(
                        new IllegalStateException("the usage ledger is closed")));
  }
}
