package dev.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void every503TellsWhenToRetryAndKeepsTheOneItsMakerNamed() {
    assertThat(new Problem(503, "x", "down").headers())
        .containsEntry("Retry-After", Integer.toString(Problem.DEFAULT_RETRY_AFTER_SECONDS));
    assertThat(new Problem(503, "x", "down", Map.of("retry-after", "9")).headers())
        .containsExactly(Map.entry("retry-after", "9"));
    assertThat(Problem.unavailable("x", "down", 0).headers()).containsEntry("Retry-After", "1");
    assertThat(new Problem(500, "x", "broken").headers()).isEmpty();
  }
}
