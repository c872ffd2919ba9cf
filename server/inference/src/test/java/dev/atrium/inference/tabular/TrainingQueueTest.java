package dev.atrium.inference.tabular;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trainings run on the queue's named threads, owners take turns, and the queue is bounded. */
final class TrainingQueueTest {

  @Test
  void theOwnerWhoTrainedLeastRecentlyGoesFirst() throws Exception {
    List<String> started = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TrainingQueue queue = new TrainingQueue(1, 10)) {
      Future<String> first =
          queue.submit(
              "heavy",
              () -> {
                started.add("heavy-1 on " + Thread.currentThread().getName());
                running.countDown();
                release.await(20, TimeUnit.SECONDS);
                return "done";
              });
      assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> rest =
          List.of(
              queue.submit("heavy", () -> record(started, "heavy-2")),
              queue.submit("heavy", () -> record(started, "heavy-3")),
              queue.submit("light", () -> record(started, "light-1")));
      assertThat(queue.queued()).isEqualTo(3);
      release.countDown();

      assertThat(await(first)).isEqualTo("done");
      for (Future<String> future : rest) {
        await(future);
      }
      assertThat(started)
          .containsExactly("heavy-1 on atrium-tabular-training-0", "light-1", "heavy-2", "heavy-3");
    }
  }

  @Test
  void aFullQueueAndAClosedOneRefuse() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TrainingQueue queue = new TrainingQueue(1, 1);
    Future<Boolean> blocker =
        queue.submit(
            "a",
            () -> {
              running.countDown();
              return release.await(20, TimeUnit.SECONDS);
            });
    assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
    Future<String> waiting = queue.submit("a", () -> "ran");
    assertThat(failure(queue.submit("b", () -> "never")))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("the training queue is full (1 waiting)");
    release.countDown();
    assertThat(await(blocker)).isTrue();
    assertThat(await(waiting)).isEqualTo("ran");

    queue.close();
    assertThat(failure(queue.submit("b", () -> "never")))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("shut down");
  }

  private static String record(List<String> started, String name) {
    started.add(name);
    return name;
  }
}
