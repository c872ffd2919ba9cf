package dev.atrium.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class TimeOrderedIdsTest {
  @Test
  void idsAreVersion7AndTheirTextSortsByTime() {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    TimeOrderedIds ids = new TimeOrderedIds(now::get);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      UUID id = ids.next();
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.get());
      texts.add(id.toString());
      now.addAndGet(i % 3 == 0 ? 1 : 0);
    }
    for (int i = 1; i < texts.size(); i++) {
      long before = UUID.fromString(texts.get(i - 1)).getMostSignificantBits() >>> 16;
      long after = UUID.fromString(texts.get(i)).getMostSignificantBits() >>> 16;
      if (after > before) {
        assertThat(texts.get(i)).isGreaterThan(texts.get(i - 1));
      }
    }
    assertThat(new HashSet<>(texts)).as("unique within a millisecond too").hasSize(1000);
  }
}
