package dev.atrium.inference.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PoolingTest {

  // batch 1, sequence 3, hidden 2; the last token is padding.
  private static final HiddenStates STATES =
      new HiddenStates(new float[] {1, 2, 3, 4, 100, 100}, 1, 3, 2);
  private static final long[] MASK = {1, 1, 0};

  @Test
  void meanSkipsPaddingAndClsTakesTheFirstToken() {
    assertThat(Pooling.MEAN.pool(STATES, 0, MASK)).containsExactly(2f, 3f);
    assertThat(Pooling.CLS.pool(STATES, 0, MASK)).containsExactly(1f, 2f);
  }

  @Test
  void normalizeGivesUnitLength() {
    assertThat(Pooling.normalize(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
    assertThat(Pooling.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
  }
}
