package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SyntheticGeneratorTest {
  private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

  @Test
  void everyPaymentFallsWithinTheHistoryEvenWhenAnIncidentStartsOnItsLastDay() {
    for (int days : new int[] {1, 2, 8, 9}) {
      Instant end = START.plus(Duration.ofDays(days));
      for (long seed = 0; seed < 40; seed++) {
        List<SyntheticGenerator.Generated> payments =
            SyntheticGenerator.generate(
                new SyntheticGenerator.Params(seed, 20, 10, days, 3, START), "s");
        assertThat(payments)
            .as("seed %d, %d days", seed, days)
            .allSatisfy(g -> assertThat(g.timestamp()).isBetween(START, end.minusNanos(1)));
      }
    }
  }

  @Test
  void aSeedGivesTheSamePaymentsWithEveryPatternPlanted() {
    var params = new SyntheticGenerator.Params(5, 50, 10, 14, 2, START);
    List<String> first =
        SyntheticGenerator.generate(params, "a").stream().map(g -> g.txn().encode()).toList();
    List<String> again =
        SyntheticGenerator.generate(params, "a").stream().map(g -> g.txn().encode()).toList();
    assertThat(again).isEqualTo(first);
    assertThat(
            SyntheticGenerator.generate(params, "a").stream()
                .filter(g -> g.label() == 1)
                .map(SyntheticGenerator.Generated::pattern)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "card_testing", "account_takeover", "bust_out", "merchant_collusion");
  }
}
