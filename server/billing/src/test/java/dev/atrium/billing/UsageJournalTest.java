package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.persistence.billing.UsageEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

final class UsageJournalTest {
  private static final UUID TENANT = UUID.randomUUID();

  private static UsageEvent event(String key, long quantity) {
    return new UsageEvent(
        TENANT,
        key,
        UUID.randomUUID(),
        "customer-service",
        "bge-small-zh-v15",
        "embedding_tokens",
        quantity,
        OffsetDateTime.of(2027, 3, 10, 14, 30, 5, 123_456_789, ZoneOffset.UTC));
  }

  @Test
  void eventsSurviveAReopenFieldForField() throws IOException {
    Path file = TestDatabases.tempDir().resolve("usage.journal");
    List<UsageEvent> first = List.of(event("请求-1:tokens:0", 12), event("req-1:requests:0", 1));
    List<UsageEvent> second = List.of(event("req-2:requests:0", 1));
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered()).isEmpty();
      journal.append(first);
      journal.append(second);
    }
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered()).containsExactly(first.get(0), first.get(1), second.get(0));
    }
  }

  @Test
  void aRecordCutShortByACrashIsDroppedAndTheJournalGoesOnAfterIt() throws IOException {
    Path file = TestDatabases.tempDir().resolve("usage.journal");
    try (UsageJournal journal = UsageJournal.open(file)) {
      journal.append(List.of(event("kept", 1)));
      journal.append(List.of(event("torn", 1)));
    }
    long whole = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(whole - 5); // the crash cut the last record's tail off
    }
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered())
          .extracting(UsageEvent::idempotencyKey)
          .containsExactly("kept");
      journal.append(List.of(event("after", 1)));
    }
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered())
          .extracting(UsageEvent::idempotencyKey)
          .containsExactly("kept", "after");
    }
  }

  @Test
  void aRecordWhoseBytesChangedFailsItsChecksumAndIsDropped() throws IOException {
    Path file = TestDatabases.tempDir().resolve("usage.journal");
    try (UsageJournal journal = UsageJournal.open(file)) {
      journal.append(List.of(event("kept", 1)));
    }
    long firstRecordEnd = Files.size(file);
    try (UsageJournal journal = UsageJournal.open(file)) {
      journal.append(List.of(event("garbled", 1)));
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x40; // the quantity's or time's bytes, inside the payload
    Files.write(file, bytes);
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered())
          .extracting(UsageEvent::idempotencyKey)
          .containsExactly("kept");
      assertThat(journal.size()).as("the bad tail is cut off").isEqualTo(firstRecordEnd);
    }
  }

  @Test
  void clearEmptiesTheJournal() throws IOException {
    Path file = TestDatabases.tempDir().resolve("usage.journal");
    try (UsageJournal journal = UsageJournal.open(file)) {
      journal.append(List.of(event("a", 1), event("b", 2)));
      journal.clear();
      journal.append(List.of(event("c", 3)));
    }
    try (UsageJournal journal = UsageJournal.open(file)) {
      assertThat(journal.recovered()).extracting(UsageEvent::idempotencyKey).containsExactly("c");
    }
  }
}
