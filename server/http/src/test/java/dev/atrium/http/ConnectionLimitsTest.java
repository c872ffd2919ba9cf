package dev.atrium.http;

import static dev.atrium.http.ConnectionLimits.Admission.DROPPED;
import static dev.atrium.http.ConnectionLimits.Admission.REFUSED;
import static dev.atrium.http.ConnectionLimits.Admission.SERVED;
import static dev.atrium.http.ConnectionLimits.REFUSAL_RESERVE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ConnectionLimitsTest {
  @Test
  void anAddressOverItsLimitIsRefusedWhileOthersAreServed() {
    ConnectionLimits limits = new ConnectionLimits(10, 2);

    assertThat(limits.admit("a")).isEqualTo(SERVED);
    assertThat(limits.admit("a")).isEqualTo(SERVED);
    assertThat(limits.admit("a")).isEqualTo(REFUSED);
    assertThat(limits.admit("b")).isEqualTo(SERVED);

    limits.release("a", SERVED);
    assertThat(limits.admit("a")).isEqualTo(SERVED);
  }

  @Test
  void overTheTotalEveryAddressIsRefused() {
    ConnectionLimits limits = new ConnectionLimits(2, 0);
    limits.admit("a");
    limits.admit("b");

    assertThat(limits.admit("c")).isEqualTo(REFUSED);

    limits.release("b", SERVED);
    assertThat(limits.admit("c")).isEqualTo(SERVED);
  }

  @Test
  void beyondTheRefusalReserveConnectionsAreDropped() {
    ConnectionLimits limits = new ConnectionLimits(1, 0);
    limits.admit("a");
    for (int i = 0; i < REFUSAL_RESERVE; i++) {
      assertThat(limits.admit("b" + i)).isEqualTo(REFUSED);
    }

    assertThat(limits.admit("z")).isEqualTo(DROPPED);

    limits.release("b0", REFUSED);
    assertThat(limits.admit("z")).isEqualTo(REFUSED);
  }
}
