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
import java.util.stream.Stream;
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

  private static List<UsageEvent> recovered(UsageJournal journal) {
    return journal.recovered().stream().flatMap(s -> s.events().stream()).toList();
  }

  private static Path onlySegment(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.getFirst();
    }
  }

  @Test
  void eventsSurviveAReopenFieldForField() throws IOException {
    Path dir = TestDatabases.tempDir().resolve("usage-journal");
    List<UsageEvent> first = List.of(event("请求-1:tokens:0", 12), event("req-1:requests:0", 1));
    List<UsageEvent> second = List.of(event("req-2:requests:0", 1));
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(journal.recovered()).isEmpty();
      journal.append(first);
      journal.append(second);
    }
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(recovered(journal)).containsExactly(first.get(0), first.get(1), second.get(0));
    }
  }

  @Test
  void aRecordCutShortByACrashIsDroppedAndTheJournalGoesOnAfterIt() throws IOException {
    Path dir = TestDatabases.tempDir().resolve("usage-journal");
    try (UsageJournal journal = UsageJournal.open(dir)) {
      journal.append(List.of(event("kept", 1)));
      journal.append(List.of(event("torn", 1)));
    }
    Path segment = onlySegment(dir);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(segment) - 5); // the crash cut the last record's tail off
    }
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(recovered(journal)).extracting(UsageEvent::idempotencyKey).containsExactly("kept");
      journal.append(List.of(event("after", 1)));
    }
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(recovered(journal))
          .extracting(UsageEvent::idempotencyKey)
          .containsExactly("kept", "after");
    }
  }

  @Test
  void aRecordWhoseBytesChangedFailsItsChecksumAndIsCutOff() throws IOException {
    Path dir = TestDatabases.tempDir().resolve("usage-journal");
    long firstRecordEnd;
    try (UsageJournal journal = UsageJournal.open(dir)) {
      journal.append(List.of(event("kept", 1)));
      firstRecordEnd = Files.size(onlySegment(dir));
      journal.append(List.of(event("garbled", 1)));
    }
    Path segment = onlySegment(dir);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 3] ^= 0x40; // the time's bytes, inside the payload
    Files.write(segment, bytes);
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(recovered(journal)).extracting(UsageEvent::idempotencyKey).containsExactly("kept");
      assertThat(Files.size(segment)).as("the bad tail is cut off").isEqualTo(firstRecordEnd);
    }
  }

  @Test
  void deletedSegmentsStayGoneAndNumberingGoesOn() throws IOException {
    Path dir = TestDatabases.tempDir().resolve("usage-journal");
    try (UsageJournal journal = UsageJournal.open(dir)) {
      journal.append(List.of(event("a", 1), event("b", 2)));
      UsageJournal.Segment first = journal.rotate();
      assertThat(first.events()).extracting(UsageEvent::idempotencyKey).containsExactly("a", "b");
      assertThat(journal.rotate()).as("nothing appended since").isNull();
      journal.append(List.of(event("c", 3)));
      UsageJournal.delete(first);
    }
    try (UsageJournal journal = UsageJournal.open(dir)) {
      assertThat(recovered(journal)).extracting(UsageEvent::idempotencyKey).containsExactly("c");
      journal.append(List.of(event("d", 4)));
      assertThat(journal.rotate().file()).isGreaterThan(journal.recovered().getLast().file());
    }
  }
}
