package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.requests.RequestLogEntry;
import dev.atrium.persistence.requests.RequestLogFilter;
import dev.atrium.persistence.requests.RequestLogRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's writer: a request hands its line over with {@link #add}, which never blocks and
 * never touches the database (a full queue drops the line and counts it in {@code
 * atrium_request_log_dropped_total}); one thread, {@code atrium-request-log}, writes what is queued
 * in batches of up to {@code request-log.batch-size} lines gathered for at most 200 ms, one INSERT
 * batch each. Lines are lost only when dropped or when the database refuses a batch (counted in
 * {@code atrium_request_log_failed_total}); a log line is not usage, nothing is billed from it.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Db db;
  private final BlockingQueue<RequestLogEntry> queue;
  private final int batchSize;
  private final Counter dropped;
  private final Counter failed;
  private final Counter written;
  private final Thread writer;
  private final Object progress = new Object();
  private long accepted;
  private long handled;
  private volatile boolean closed;

  /**
   * Writes through {@code db}, so while the database is unreachable a batch fails at once (and is
   * counted lost) instead of taking connections from the pool the platform recovers with.
   */
  public RequestLog(Db db, int capacity, int batchSize, MeterRegistry registry) {
    this.db = requireNonNull(db, "db is null");
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("capacity and batch size must be positive");
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.dropped =
        Counter.builder("atrium.request.log.dropped")
            .description("Request log lines dropped because the log's queue was full")
            .register(registry);
    this.failed =
        Counter.builder("atrium.request.log.failed")
            .description("Request log lines lost because the database refused their batch")
            .register(registry);
    this.written =
        Counter.builder("atrium.request.log.written")
            .description("Request log lines written")
            .register(registry);
    Gauge.builder("atrium.request.log.queued", queue, BlockingQueue::size)
        .description("Request log lines waiting to be written")
        .register(registry);
    this.writer = Thread.ofPlatform().name("atrium-request-log").daemon().start(this::run);
  }

  /** Queues {@code entry} for writing; drops (and counts) it when the queue is full. */
  public void add(RequestLogEntry entry) {
    if (closed || !queue.offer(entry)) {
      dropped.increment();
      return;
    }
    synchronized (progress) {
      accepted++;
    }
  }

  /**
   * The tenant's lines {@code filter} selects, once the lines queued before the call are written
   * (waiting at most {@code flushWait} for them).
   */
  public Future<List<RequestLogEntry>> read(
      UUID tenantId, RequestLogFilter filter, Duration flushWait) {
    return db.blocking(
            () -> {
              flush(flushWait);
              return null;
            })
        .compose(v -> db.read(dsl -> new RequestLogRepository(dsl).list(tenantId, filter)));
  }

  /**
   * Waits (at most {@code timeout}) until every line queued before the call has been written, so a
   * reader sees the requests it just made. Blocks: call it off the event loop.
   */
  public void flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      long target = accepted;
      while (handled < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
  }

  /** Lines dropped because the queue was full, since start. */
  public long dropped() {
    return (long) dropped.count();
  }

  private void run() {
    List<RequestLogEntry> batch = new ArrayList<>(batchSize);
    while (!closed || !queue.isEmpty()) {
      try {
        RequestLogEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        fill(batch);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        synchronized (progress) {
          handled += batch.size();
          progress.notifyAll();
        }
        batch.clear();
      }
    }
  }

  /**
   * Adds what comes within {@link #LINGER_NANOS} of the first line, up to a full batch: a few large
   * transactions a second rather than one per line, which would take the CPU the requests need.
   */
  private void fill(List<RequestLogEntry> batch) throws InterruptedException {
    long until = System.nanoTime() + LINGER_NANOS;
    while (batch.size() < batchSize) {
      queue.drainTo(batch, batchSize - batch.size());
      long left = until - System.nanoTime();
      if (batch.size() >= batchSize || left <= 0 || closed) {
        return;
      }
      RequestLogEntry next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  private void write(List<RequestLogEntry> batch) {
    try {
      db.transaction(
              dsl -> {
                new RequestLogRepository(dsl).append(batch);
                return null;
              })
          .await();
      written.increment(batch.size());
    } catch (RuntimeException e) {
      failed.increment(batch.size());
      LOG.warn("{} request log lines could not be written: {}", batch.size(), e.getMessage());
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
