package dev.atrium.billing;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
 * The durable usage ledger. {@link #appendAll} queues a request's events and returns a future that
 * completes once they are in the {@link UsageJournal}, forced to the device: a caller that waits
 * for it before answering never acknowledges usage that a crash could lose. One writer thread takes
 * everything queued into each journal record (group commit), then moves journaled events into the
 * database in large transactions (events and rollups together; repeated idempotency keys are stored
 * once) at least every {@code applyEvery}, and empties the journal. So a request pays a small file
 * append instead of a database transaction, and the database sees a few big transactions a second,
 * whatever the request rate. A journal left by a crash is moved into the database when the ledger
 * opens; events the database already has are skipped. {@link #flush} moves everything now, for
 * readers that must see all acknowledged usage.
 */
public final class UsageLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
  private static final int ATTEMPTS = 3;

  /** Most journaled events kept waiting for an unreachable database before appends fail. */
  static final int MAX_UNAPPLIED = 200_000;

  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

  /** Told about every batch moved into the database, on the writer thread. */
  @FunctionalInterface
  public interface Listener {
    void committed(List<UsageEvent> batch, Set<UsageEvent> stored);
  }

  private sealed interface Item permits Append, Read, Flush, Stop {}

  /** Events that go into one journal record together. */
  private record Append(List<UsageEvent> events, CompletableFuture<Void> done) implements Item {}

  private record Read(Runnable work) implements Item {}

  private record Flush(CompletableFuture<Void> done) implements Item {}

  private record Stop() implements Item {}

  private final Database database;
  private final UsageJournal journal;
  private final int maxBatch;
  private final long applyEveryNanos;
  private final Listener listener;
  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final List<UsageEvent> unapplied = new ArrayList<>();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile int unappliedCount;
  private long applyDueNanos;
  private boolean backingOff;

  /**
   * Opens the ledger on {@code journalFile}, first moving into the database what a crash left in
   * it. {@code maxBatch} bounds the events of one database transaction.
   */
  public UsageLedger(
      Database database, Path journalFile, int maxBatch, Duration applyEvery, Listener listener) {
    this.database = requireNonNull(database, "database is null");
    this.listener = requireNonNull(listener, "listener is null");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive");
    }
    if (applyEvery.isNegative()) {
      throw new IllegalArgumentException("applyEvery must not be negative");
    }
    this.maxBatch = maxBatch;
    this.applyEveryNanos = applyEvery.toNanos();
    try {
      this.journal = UsageJournal.open(journalFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the usage journal " + journalFile, e);
    }
    recover();
    this.writer = Thread.ofPlatform().name("atrium-usage-ledger").daemon().start(this::run);
  }

  /**
   * Queues {@code event}; the future completes once it is durable (an event whose idempotency key
   * was stored before is then skipped), or fails if it could not be made durable.
   */
  public CompletableFuture<Void> append(UsageEvent event) {
    requireNonNull(event, "event is null");
    return appendAll(List.of(event));
  }

  /** Queues {@code events} to be journaled together (all or none); see {@link #append}. */
  public CompletableFuture<Void> appendAll(List<UsageEvent> events) {
    List<UsageEvent> copy = List.copyOf(events);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      done.completeExceptionally(new IllegalStateException("the usage ledger is closed"));
      return done;
    }
    queue.add(new Append(copy, done));
    return done;
  }

  /**
   * Runs {@code query} on the writer thread between two database batches, so that what it reads is
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

  /**
   * Moves every event acknowledged so far into the database; the future completes once they are
   * there (reports and invoices read the database).
   */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      done.completeExceptionally(new IllegalStateException("the usage ledger is closed"));
      return done;
    }
    queue.add(new Flush(done));
    return done;
  }

  /** Entries waiting to be journaled plus journaled events not yet in the database. */
  public int backlog() {
    return queue.size() + unappliedCount;
  }

  private void recover() {
    List<UsageEvent> recovered = journal.recovered();
    if (recovered.isEmpty()) {
      return;
    }
    LOG.info("Moving {} usage events left in the journal into the database", recovered.size());
    unapplied.addAll(recovered);
    // Nothing in this process counted these events as pending: the listener is not told.
    RuntimeException failure = applyAll((batch, stored) -> {});
    if (failure != null) {
      close(journal);
      throw failure;
    }
  }

  private void run() {
    List<Item> items = new ArrayList<>();
    List<Append> appends = new ArrayList<>();
    List<Flush> flushes = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        Item first =
            unapplied.isEmpty()
                ? queue.take()
                : queue.poll(Math.max(0, applyDueNanos - System.nanoTime()), NANOSECONDS);
        if (first != null) {
          items.add(first);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(items);
      for (Item item : items) {
        switch (item) {
          case Append append -> appends.add(append);
          case Read read -> {
            journal(appends);
            read.work().run();
          }
          case Flush flush -> flushes.add(flush);
          case Stop stop -> stopping = true;
        }
      }
      items.clear();
      journal(appends);
      boolean due =
          System.nanoTime() >= applyDueNanos || (unapplied.size() >= maxBatch && !backingOff);
      if (stopping || !flushes.isEmpty() || (due && !unapplied.isEmpty())) {
        RuntimeException failure = applyAll(listener);
        flushes.forEach(
            f -> {
              if (failure == null) {
                f.done().complete(null);
              } else {
                f.done().completeExceptionally(failure);
              }
            });
        flushes.clear();
      }
    }
    close(journal);
  }

  /** Journals the appends as one record and completes their futures. */
  private void journal(List<Append> appends) {
    if (appends.isEmpty()) {
      return;
    }
    List<UsageEvent> events = appends.stream().flatMap(a -> a.events().stream()).toList();
    try {
      if (unapplied.size() + events.size() > MAX_UNAPPLIED) {
        throw new IOException("more than " + MAX_UNAPPLIED + " usage events wait for the database");
      }
      journal.append(events);
    } catch (IOException e) {
      LOG.error("Could not journal {} usage events: {}", events.size(), e.getMessage());
      appends.forEach(a -> a.done().completeExceptionally(e));
      appends.clear();
      return;
    }
    if (unapplied.isEmpty()) {
      applyDueNanos = System.nanoTime() + applyEveryNanos;
    }
    unapplied.addAll(events);
    unappliedCount = unapplied.size();
    appends.forEach(a -> a.done().complete(null));
    appends.clear();
  }

  /**
   * Moves the journaled events into the database, {@code maxBatch} per transaction, then empties
   * the journal. Returns null on success, else the failure (what is left is tried again later).
   */
  private RuntimeException applyAll(Listener told) {
    while (!unapplied.isEmpty()) {
      List<UsageEvent> batch =
          List.copyOf(unapplied.subList(0, Math.min(maxBatch, unapplied.size())));
      RuntimeException failure = store(batch, told);
      backingOff = failure != null;
      if (failure != null) {
        applyDueNanos = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
        return failure;
      }
      unapplied.subList(0, batch.size()).clear();
      unappliedCount = unapplied.size();
    }
    try {
      journal.clear();
      return null;
    } catch (IOException e) {
      // Everything is in the database: a journal left full is moved again (and skipped) later.
      LOG.error("Could not empty the usage journal {}: {}", journal.file(), e.getMessage());
      return new UncheckedIOException(e);
    }
  }

  /** Stores one batch in one transaction and tells the listener; null on success. */
  private RuntimeException store(List<UsageEvent> batch, Listener told) {
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        List<UsageEvent> stored =
            database.dsl().transactionResult(c -> new UsageRepository(c.dsl()).append(batch));
        Set<UsageEvent> storedSet = Collections.newSetFromMap(new IdentityHashMap<>());
        storedSet.addAll(stored);
        notifyListener(told, batch, storedSet);
        return null;
      } catch (DataAccessException e) {
        // A concurrent writer (another replica) stored one of these keys, or the database blipped:
        // the transaction rolled back as a whole, so trying again is safe.
        failure = e;
        LOG.warn(
            "Usage batch of {} failed (attempt {}): {}", batch.size(), attempt, e.getMessage());
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    return failure;
  }

  private static void notifyListener(
      Listener told, List<UsageEvent> events, Set<UsageEvent> stored) {
    try {
      told.committed(events, stored);
    } catch (RuntimeException e) {
      LOG.error("Usage listener failed", e);
    }
  }

  private static void close(UsageJournal journal) {
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("Could not close the usage journal: {}", e.getMessage());
    }
  }

  /**
   * Stops accepting events, journals everything already queued, moves it into the database, and
   * waits for the writer.
   */
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
    IllegalStateException closed = new IllegalStateException("the usage ledger is closed");
    for (Item item : late) {
      switch (item) {
        case Append append -> append.done().completeExceptionally(closed);
        case Flush flush -> flush.done().completeExceptionally(closed);
        case Read read -> read.work().run();
        case Stop stop -> {}
      }
    }
  }
}
