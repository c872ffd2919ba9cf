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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable usage ledger. {@link #appendAll} queues a request's events and returns a future that
 * completes once they are in the {@link UsageJournal}, forced to the device: a caller that waits
 * for it before answering never acknowledges usage that a crash could lose. A journal thread takes
 * everything queued into each journal record (group commit) and closes a journal segment at least
 * every {@code applyEvery}; an apply thread moves each closed segment into the database in large
 * transactions (events and rollups together; repeated idempotency keys are stored once) and deletes
 * it once the database has made those transactions survive a crash ({@link AppliedSegments}). So a
 * request pays a small file append, never a database transaction or a wait behind one, and the
 * database sees a few big transactions a second, whatever the request rate. Segments left by a
 * crash are moved into the database when the ledger opens; events the database already has are
 * skipped. {@link #flush} moves everything acknowledged so far, for readers that must see it.
 */
public final class UsageLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);
  private static final int ATTEMPTS = 3;

  /**
   * Journaled events the database may lag behind by, in transactions of {@code maxBatch}, before
   * the journal waits for it: under sustained overload requests slow down to the rate the database
   * takes, rather than the backlog growing.
   */
  private static final int LAG_BATCHES = 4;

  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);
  private static final String UNIQUE_VIOLATION = "23505";

  /** Told about every batch moved into the database, on the apply thread. */
  @FunctionalInterface
  public interface Listener {
    void committed(List<UsageEvent> batch, Set<UsageEvent> stored);
  }

  /** Work for the journal thread. */
  private sealed interface Intake permits Append, Flush, Stop {}

  /** Events that go into one journal record together. */
  private record Append(List<UsageEvent> events, CompletableFuture<Void> done) implements Intake {}

  private record Flush(CompletableFuture<Void> done) implements Intake, Work {}

  private record Stop() implements Intake, Work {}

  /** Work for the apply thread, in order. */
  private sealed interface Work permits Segment, Read, Flush, Stop {}

  private record Segment(UsageJournal.Segment closed) implements Work {}

  private record Read(Runnable work) implements Work {}

  private final Database database;
  private final UsageJournal journal;
  private final int maxBatch;

  /** Most journaled events kept waiting for an unreachable database before appends fail. */
  private final int maxUnapplied;

  private final long applyEveryNanos;
  private final Listener listener;
  private final BlockingQueue<Intake> intake = new LinkedBlockingQueue<>();
  private final BlockingQueue<Work> work = new LinkedBlockingQueue<>();
  private final AtomicInteger unapplied = new AtomicInteger();

  /** Events appended and not yet in the database nor refused: a flush with none is done at once. */
  private final AtomicInteger notStored = new AtomicInteger();

  /** Notified by the apply thread whenever the backlog shrinks or applying fails. */
  private final Object progress = new Object();

  private volatile boolean applyFailing;

  /** The journal holds {@link #maxUnapplied} events: appends fail (journal thread only). */
  private boolean journalFull;

  private final Thread journalThread;
  private final Thread applyThread;
  private volatile boolean open = true;

  /**
   * Opens the ledger on the journal in {@code journalDir}, first moving into the database what a
   * crash left there. {@code maxBatch} bounds the events of one database transaction.
   */
  public UsageLedger(
      Database database, Path journalDir, int maxBatch, Duration applyEvery, Listener listener) {
    this(
        database,
        journalDir,
        maxBatch,
        applyEvery,
        BillingSettings.DEFAULT_MAX_UNAPPLIED,
        listener);
  }

  /**
   * As above, acknowledging at most {@code maxUnapplied} events that wait for the database: past
   * that, appends fail until it takes them.
   */
  public UsageLedger(
      Database database,
      Path journalDir,
      int maxBatch,
      Duration applyEvery,
      int maxUnapplied,
      Listener listener) {
    this.database = requireNonNull(database, "database is null");
    this.listener = requireNonNull(listener, "listener is null");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive");
    }
    if (applyEvery.isNegative()) {
      throw new IllegalArgumentException("applyEvery must not be negative");
    }
    this.maxBatch = maxBatch;
    this.maxUnapplied = maxUnapplied;
    this.applyEveryNanos = applyEvery.toNanos();
    try {
      this.journal = UsageJournal.open(journalDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the usage journal in " + journalDir, e);
    }
    recover();
    this.applyThread = Thread.ofPlatform().name("atrium-usage-ledger").daemon().start(this::apply);
    this.journalThread =
        Thread.ofPlatform().name("atrium-usage-journal").daemon().start(this::journal);
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
      done.completeExceptionally(closed());
      return done;
    }
    notStored.addAndGet(copy.size());
    intake.add(new Append(copy, done));
    return done;
  }

  /**
   * Runs {@code query} on the apply thread between two database batches, so that what it reads is
   * consistent with the batches the {@link Listener} has been told about.
   */
  public <T> CompletableFuture<T> read(Function<DSLContext, T> query) {
    CompletableFuture<T> done = new CompletableFuture<>();
    work.add(
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
   * Moves every event appended so far into the database; the future completes once they are there
   * (reports and invoices read the database), or fails if the database cannot take them now. With
   * nothing waiting it completes at once, without a trip through the ledger's threads.
   */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      done.completeExceptionally(closed());
      return done;
    }
    if (notStored.get() == 0) {
      done.complete(null);
      return done;
    }
    intake.add(new Flush(done));
    return done;
  }

  /** Entries waiting to be journaled plus journaled events not yet in the database. */
  public int backlog() {
    return intake.size() + unapplied.get();
  }

  private void recover() {
    List<UsageJournal.Segment> left = journal.recovered();
    if (left.isEmpty()) {
      return;
    }
    LOG.info(
        "Moving {} usage events left in {} journal segments into the database",
        left.stream().mapToInt(segment -> segment.events().size()).sum(),
        left.size());
    AppliedSegments applied = new AppliedSegments(database);
    for (UsageJournal.Segment segment : left) {
      // Nothing in this process counted these events as pending: the listener is not told.
      RuntimeException failure = store(new Pending(segment), (batch, stored) -> {});
      if (failure != null) {
        closeJournal();
        throw failure;
      }
      applied.add(segment);
    }
    applied.release();
  }

  /** The journal thread: group commit of appends, segment rotation, and hand-over to apply. */
  private void journal() {
    List<Intake> items = new ArrayList<>();
    List<Append> appends = new ArrayList<>();
    long rotateAt = Long.MAX_VALUE;
    boolean stopping = false;
    while (!stopping) {
      if (!next(intake, items, journal.openEvents() == 0 ? Long.MAX_VALUE : rotateAt)) {
        return;
      }
      List<Work> after = new ArrayList<>();
      for (Intake item : items) {
        switch (item) {
          case Append append -> appends.add(append);
          case Flush flush -> after.add(flush);
          case Stop stop -> {
            after.add(stop);
            stopping = true;
          }
        }
      }
      items.clear();
      boolean wasEmpty = journal.openEvents() == 0;
      write(appends);
      if (wasEmpty && journal.openEvents() > 0) {
        rotateAt = System.nanoTime() + applyEveryNanos;
      }
      if (!after.isEmpty() || System.nanoTime() >= rotateAt || journal.openEvents() >= maxBatch) {
        rotate();
        rotateAt = Long.MAX_VALUE;
      }
      work.addAll(after);
    }
  }

  /** Journals the appends as one record and completes their futures. */
  private void write(List<Append> appends) {
    if (appends.isEmpty()) {
      return;
    }
    List<UsageEvent> events = appends.stream().flatMap(a -> a.events().stream()).toList();
    try {
      awaitDatabase(events.size());
      if (unapplied.get() + events.size() > maxUnapplied) {
        IOException full =
            new IOException("more than " + maxUnapplied + " usage events wait for the database");
        if (!journalFull) { // said once per outage, not once per refused request
          journalFull = true;
          LOG.error("Usage is refused until the database takes the journal: {}", full.getMessage());
        }
        notStored.addAndGet(-events.size());
        appends.forEach(a -> a.done().completeExceptionally(full));
        appends.clear();
        return;
      }
      journal.append(events);
      unapplied.addAndGet(events.size());
      if (journalFull) {
        journalFull = false;
        LOG.info("The usage journal takes usage again");
      }
      appends.forEach(a -> a.done().complete(null));
    } catch (IOException e) {
      LOG.error("Could not journal {} usage events: {}", events.size(), e.getMessage());
      notStored.addAndGet(-events.size());
      appends.forEach(a -> a.done().completeExceptionally(e));
    }
    appends.clear();
  }

  /** Waits while the database lags more than {@link #LAG_BATCHES} behind and is taking usage. */
  private void awaitDatabase(int incoming) {
    int lag = LAG_BATCHES * maxBatch;
    synchronized (progress) {
      while (!applyFailing && unapplied.get() > 0 && unapplied.get() + incoming > lag) {
        // What is in the open segment is not applied until it closes: close it now.
        if (journal.openEvents() > 0) {
          rotate();
        }
        try {
          progress.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void rotate() {
    try {
      UsageJournal.Segment closed = journal.rotate();
      if (closed != null) {
        work.add(new Segment(closed));
      }
    } catch (IOException e) {
      // Its records were forced as they were appended: the segment is moved when the ledger
      // reopens, if not before.
      LOG.error("Could not close a usage journal segment: {}", e.getMessage());
    }
  }

  /** The apply thread: moves closed segments into the database, in order, between reads. */
  private void apply() {
    Deque<Pending> waiting = new ArrayDeque<>();
    AppliedSegments applied = new AppliedSegments(database);
    List<Flush> flushes = new ArrayList<>();
    List<Work> items = new ArrayList<>();
    long retryAt = 0;
    RuntimeException lastFailure = null;
    boolean stopping = false;
    while (true) {
      if (!next(work, items, waiting.isEmpty() && applied.isEmpty() ? Long.MAX_VALUE : retryAt)) {
        return;
      }
      for (Work item : items) {
        switch (item) {
          case Segment segment -> waiting.add(new Pending(segment.closed()));
          case Read read -> read.work().run();
          case Flush flush -> flushes.add(flush);
          case Stop stop -> stopping = true;
        }
      }
      items.clear();
      RuntimeException failure = null;
      boolean retryDue = System.nanoTime() >= retryAt;
      if (!stopping && !retryDue && lastFailure != null) {
        // The database failed moments ago: readers waiting for a flush are told at once rather
        // than after another attempt's connection timeouts.
        failure = lastFailure;
      } else if (stopping || !flushes.isEmpty() || retryDue) {
        while (!waiting.isEmpty() && failure == null) {
          Pending head = waiting.peek();
          int before = head.stored;
          failure = store(head, listener);
          unapplied.addAndGet(before - head.stored);
          notStored.addAndGet(before - head.stored);
          if (failure == null) {
            applied.add(waiting.poll().segment);
          }
          synchronized (progress) {
            applyFailing = failure != null;
            progress.notifyAll();
          }
        }
        boolean released = applied.release();
        retryAt =
            failure == null && released ? 0 : System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
        lastFailure = failure;
      }
      for (Flush flush : flushes) {
        if (failure == null) {
          flush.done().complete(null);
        } else {
          flush.done().completeExceptionally(failure);
        }
      }
      flushes.clear();
      if (stopping) {
        if (failure != null) {
          LOG.warn(
              "{} usage events stay in the journal for the next start: {}",
              unapplied.get(),
              failure.getMessage());
        }
        return;
      }
    }
  }

  /** A closed segment waiting for the database, and how many of its events are done. */
  private static final class Pending {
    final UsageJournal.Segment segment;
    int stored;

    Pending(UsageJournal.Segment segment) {
      this.segment = segment;
    }
  }

  /**
   * Stores a segment's events not yet done, {@code maxBatch} per transaction, telling {@code told}
   * about each batch once. An event the database refuses for what it is (too long a value, say)
   * would block everything behind it forever: when a batch is refused, its events go one at a time
   * and the refused one is set aside (logged in full, its units released). Returns null on success,
   * else the failure that stopped it: the rest is tried again later.
   */
  private RuntimeException store(Pending pending, Listener told) {
    List<UsageEvent> events = pending.segment.events();
    int oneByOneUntil = 0;
    while (pending.stored < events.size()) {
      int size = pending.stored < oneByOneUntil ? 1 : maxBatch;
      List<UsageEvent> batch =
          events.subList(pending.stored, Math.min(events.size(), pending.stored + size));
      RuntimeException failure = storeBatch(batch, told);
      if (failure == null) {
        pending.stored += batch.size();
      } else if (!refusedByDatabase(failure)) {
        LOG.warn(
            "Could not move usage into the database (kept in the journal): {}",
            failure.getMessage());
        return failure;
      } else if (batch.size() > 1) {
        oneByOneUntil = pending.stored + batch.size();
      } else {
        LOG.error(
            "Usage event refused by the database, set aside and not billed: {} ({})",
            batch.getFirst(),
            failure.getMessage());
        tell(told, batch, Set.of());
        pending.stored++;
      }
    }
    return null;
  }

  /**
   * Whether the database refused the data itself (a value that does not fit, a broken constraint),
   * so that storing it again can never succeed; a duplicate key from a concurrent writer is not.
   */
  private static boolean refusedByDatabase(RuntimeException failure) {
    return failure instanceof DataAccessException e
        && (e.sqlStateClass() == SQLStateClass.C22_DATA_EXCEPTION
            || (e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION
                && !UNIQUE_VIOLATION.equals(e.sqlState())));
  }

  /** Stores one batch in one transaction and tells the listener; null on success. */
  private RuntimeException storeBatch(List<UsageEvent> batch, Listener told) {
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        List<UsageEvent> stored = storeOnce(batch);
        Set<UsageEvent> storedSet = Collections.newSetFromMap(new IdentityHashMap<>());
        storedSet.addAll(stored);
        tell(told, batch, storedSet);
        return null;
      } catch (DataAccessException e) {
        // A concurrent writer (another replica) stored one of these keys, or the database blipped:
        // the transaction rolled back as a whole, so trying again is safe.
        failure = e;
      } catch (RuntimeException e) {
        return e;
      }
    }
    return failure;
  }

  /**
   * Stores a batch in one transaction, first as all new (sent in bulk, no lookup); if a key was
   * stored before (a retried request, a journal replayed after a crash), again with the lookup that
   * skips those events. Returns the events stored.
   */
  private List<UsageEvent> storeOnce(List<UsageEvent> batch) {
    try {
      return database.dsl().transactionResult(c -> new UsageRepository(c.dsl()).appendNew(batch));
    } catch (DataAccessException e) {
      if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw e;
      }
      return database.dsl().transactionResult(c -> new UsageRepository(c.dsl()).append(batch));
    }
  }

  private static void tell(Listener told, List<UsageEvent> batch, Set<UsageEvent> stored) {
    try {
      told.committed(batch, stored);
    } catch (RuntimeException e) {
      LOG.error("Usage listener failed", e);
    }
  }

  /**
   * Waits for the first item until {@code deadlineNanos} ({@link Long#MAX_VALUE}: for as long as it
   * takes), then drains the rest into {@code into}; false if interrupted.
   */
  private static <T> boolean next(BlockingQueue<T> queue, List<T> into, long deadlineNanos) {
    try {
      T first =
          deadlineNanos == Long.MAX_VALUE
              ? queue.take()
              : queue.poll(Math.max(0, deadlineNanos - System.nanoTime()), NANOSECONDS);
      if (first != null) {
        into.add(first);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    queue.drainTo(into);
    return true;
  }

  private void closeJournal() {
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("Could not close the usage journal: {}", e.getMessage());
    }
  }

  private static IllegalStateException closed() {
    return new IllegalStateException("the usage ledger is closed");
  }

  /**
   * Stops accepting events, journals everything already queued, moves it into the database (what
   * the database cannot take stays in the journal for the next start), and waits for both threads.
   */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    intake.add(new Stop());
    try {
      journalThread.join();
      applyThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeJournal();
    List<Intake> late = new ArrayList<>();
    intake.drainTo(late);
    for (Intake item : late) {
      switch (item) {
        case Append append -> append.done().completeExceptionally(closed());
        case Flush flush -> flush.done().completeExceptionally(closed());
        case Stop stop -> {}
      }
    }
    List<Work> unread = new ArrayList<>();
    work.drainTo(unread);
    unread.stream().filter(Read.class::isInstance).forEach(r -> ((Read) r).work().run());
  }
}
