package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.OnContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs CPU-heavy trainings on a few named threads of their own ({@code atrium-tabular-training-N}),
 * never on an event loop. Waiting trainings are queued per owner (a plugin); a free thread takes
 * the oldest training of the owner whose last training started longest ago (one that never trained
 * first), so one owner's backlog does not hold back another's training. Futures complete on the
 * submitter's Vert.x context.
 */
public final class TrainingQueue implements AutoCloseable {

  private final int maxQueued;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
  private final Map<String, Long> lastStarted = new HashMap<>();
  private long starts;
  private final List<Thread> threads = new ArrayList<>();
  private int queued;
  private boolean closed;

  /**
   * @param concurrency trainings that run at once
   * @param maxQueued trainings that may wait; more are refused
   */
  public TrainingQueue(int concurrency, int maxQueued) {
    if (concurrency < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("concurrency must be positive, maxQueued not negative");
    }
    this.maxQueued = maxQueued;
    for (int i = 0; i < concurrency; i++) {
      Thread thread =
          Thread.ofPlatform().name("atrium-tabular-training-" + i).daemon().unstarted(this::work);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Queues {@code task} for {@code owner}; the future fails with {@link RejectedExecutionException}
   * when {@code maxQueued} trainings already wait or the queue closed.
   */
  public <T> Future<T> submit(String owner, Callable<T> task) {
    requireNonNull(owner, "owner is null");
    requireNonNull(task, "task is null");
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    Runnable run =
        () -> {
          try {
            T result = task.call();
            OnContext.run(context, () -> promise.complete(result));
          } catch (Throwable e) {
            OnContext.run(context, () -> promise.fail(e));
          }
        };
    lock.lock();
    try {
      if (closed) {
        return Future.failedFuture(new RejectedExecutionException("training has shut down"));
      }
      if (queued >= maxQueued) {
        return Future.failedFuture(
            new RejectedExecutionException(
                "the training queue is full (" + maxQueued + " waiting); try again later"));
      }
      waiting.computeIfAbsent(owner, o -> new ArrayDeque<>()).add(run);
      queued++;
      changed.signal();
    } finally {
      lock.unlock();
    }
    return promise.future();
  }

  /** Trainings waiting to start. */
  public int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    try {
      Runnable next;
      while ((next = take()) != null) {
        next.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The oldest training of the owner whose last training started longest ago. */
  private Runnable take() throws InterruptedException {
    lock.lock();
    try {
      while (waiting.isEmpty()) {
        if (closed) {
          return null;
        }
        changed.await();
      }
      String owner =
          waiting.keySet().stream()
              .min(Comparator.comparingLong(o -> lastStarted.getOrDefault(o, -1L)))
              .orElseThrow();
      ArrayDeque<Runnable> tasks = waiting.get(owner);
      Runnable task = tasks.poll();
      if (tasks.isEmpty()) {
        waiting.remove(owner);
      }
      lastStarted.put(owner, starts++);
      queued--;
      return task;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new trainings and lets the threads go once the queue is empty; running trainings stop
   * when their jobs are cancelled.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
