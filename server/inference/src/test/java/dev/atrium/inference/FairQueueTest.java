package dev.atrium.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FairQueueTest {

  private long sequence;

  @Test
  void priorityOrdersWithinATenantAndFifoBreaksTies() {
    FairQueue<String, String> queue = new FairQueue<>(TenantWeights.EQUAL);
    queue.add(job("a", "low", Priority.LOW));
    queue.add(job("a", "first", Priority.NORMAL));
    queue.add(job("a", "urgent", Priority.HIGH));
    queue.add(job("a", "second", Priority.NORMAL));

    assertThat(drain(queue)).containsExactly("urgent", "first", "second", "low");
  }

  @Test
  void aNewcomerIsServedNextAfterAFlood() {
    FairQueue<String, String> queue = new FairQueue<>(TenantWeights.EQUAL);
    for (int i = 0; i < 100; i++) {
      queue.add(job("flood", "f" + i, Priority.NORMAL));
    }
    for (int i = 0; i < 10; i++) {
      queue.poll();
    }
    queue.add(job("quiet", "q", Priority.NORMAL));

    assertThat(queue.jobsByTenant()).containsEntry("flood", 90).containsEntry("quiet", 1);
    assertThat(queue.poll().items()).containsExactly("q");
  }

  private List<String> drain(FairQueue<String, String> queue) {
    List<String> order = new ArrayList<>();
    for (Job<String, String> job = queue.poll(); job != null; job = queue.poll()) {
      order.add(job.items().getFirst());
    }
    return order;
  }

  private Job<String, String> job(String tenant, String item, Priority priority) {
    return new Job<>(
        tenant, List.of(item), priority, Instant.MAX, sequence++, new IgnoringListener(), () -> {});
  }

  private static final class IgnoringListener implements JobListener<String> {
    @Override
    public void succeeded(List<String> outputs, Usage usage) {}

    @Override
    public void failed(InferenceException failure) {}
  }
}
