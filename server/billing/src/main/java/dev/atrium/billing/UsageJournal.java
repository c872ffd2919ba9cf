package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.billing.UsageEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The usage ledger's write-ahead journal: acknowledged usage that is not in the database yet, in a
 * directory of numbered segment files. {@link #append} writes one record to the open segment,
 * {@code [payload length][CRC-32C][payload]}, and forces it to the device before it returns, so
 * what it acknowledges survives a killed process and a power cut. {@link #rotate} closes the open
 * segment and starts the next; a segment is deleted once its events are in the database to stay
 * ({@link AppliedSegments}). A record cut short by a crash fails its length or checksum when the
 * journal is reopened; it and anything after it in its segment are dropped (its append never
 * returned). Appends and rotation belong to one thread; {@link #delete} may run on another.
 */
final class UsageJournal implements AutoCloseable {
  private static final int HEADER_BYTES = 8;
  private static final String SUFFIX = ".journal";

  /** A closed segment: its file and the events in it. */
  record Segment(Path file, List<UsageEvent> events) {}

  private final Path dir;
  private final List<Segment> recovered;
  private long nextNumber;
  private FileChannel open;
  private Path openFile;
  private final List<UsageEvent> openEvents = new ArrayList<>();

  private UsageJournal(Path dir, List<Segment> recovered, long nextNumber) {
    this.dir = dir;
    this.recovered = recovered;
    this.nextNumber = nextNumber;
  }

  /** Opens (or creates) the journal in {@code dir}, reading the segments a crash left there. */
  static UsageJournal open(Path dir) throws IOException {
    requireNonNull(dir, "dir is null");
    Files.createDirectories(dir);
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(f -> f.getFileName().toString().matches("\\d{19}\\" + SUFFIX))
              .sorted()
              .toList();
    }
    List<Segment> recovered = new ArrayList<>();
    for (Path file : files) {
      List<UsageEvent> events = new ArrayList<>();
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        channel.truncate(readRecords(channel, events));
      }
      recovered.add(new Segment(file, List.copyOf(events)));
    }
    long next = files.isEmpty() ? 1 : number(files.getLast()) + 1;
    return new UsageJournal(dir, List.copyOf(recovered), next);
  }

  /** The segments that were in the journal when it was opened, oldest first. */
  List<Segment> recovered() {
    return recovered;
  }

  /** Appends {@code events} as one record to the open segment and forces it to the device. */
  void append(List<UsageEvent> events) throws IOException {
    if (open == null) {
      openFile = dir.resolve(String.format("%019d%s", nextNumber++, SUFFIX));
      open =
          FileChannel.open(
              openFile,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    }
    byte[] payload = encode(events);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    while (record.hasRemaining()) {
      open.write(record);
    }
    open.force(false);
    openEvents.addAll(events);
  }

  /** Events appended to the open segment. */
  int openEvents() {
    return openEvents.size();
  }

  /** Closes the open segment and returns it, or null if nothing was appended since the last. */
  Segment rotate() throws IOException {
    if (open == null) {
      return null;
    }
    open.close();
    Segment closed = new Segment(openFile, List.copyOf(openEvents));
    open = null;
    openFile = null;
    openEvents.clear();
    return closed;
  }

  /** Deletes a segment whose events are all in the database. */
  static void delete(Segment segment) throws IOException {
    Files.deleteIfExists(segment.file());
  }

  @Override
  public void close() throws IOException {
    if (open != null) {
      open.close();
      open = null;
    }
  }

  private static long number(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  /** Reads whole, intact records into {@code into}; returns where the intact part ends. */
  private static long readRecords(FileChannel channel, List<UsageEvent> into) throws IOException {
    channel.position(0);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
    long size = channel.size();
    long intact = 0;
    while (size - intact >= HEADER_BYTES) {
      int length = in.readInt();
      int checksum = in.readInt();
      if (length < 0 || length > size - intact - HEADER_BYTES) {
        break;
      }
      byte[] payload = in.readNBytes(length);
      CRC32C crc = new CRC32C();
      crc.update(payload);
      if ((int) crc.getValue() != checksum) {
        break;
      }
      into.addAll(decode(payload));
      intact += HEADER_BYTES + length;
    }
    return intact;
  }

  private static byte[] encode(List<UsageEvent> events) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 96 * events.size());
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(events.size());
    for (UsageEvent e : events) {
      writeUuid(out, e.tenantId());
      out.writeUTF(e.idempotencyKey());
      writeUuid(out, e.keyId());
      out.writeUTF(e.plugin());
      out.writeUTF(e.model());
      out.writeUTF(e.meter());
      out.writeLong(e.quantity());
      Instant at = e.occurredAt().toInstant();
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
    }
    return bytes.toByteArray();
  }

  private static List<UsageEvent> decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int count = in.readInt();
    List<UsageEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(
          new UsageEvent(
              readUuid(in),
              in.readUTF(),
              readUuid(in),
              in.readUTF(),
              in.readUTF(),
              in.readUTF(),
              in.readLong(),
              OffsetDateTime.ofInstant(
                  Instant.ofEpochSecond(in.readLong(), in.readInt()), ZoneOffset.UTC)));
    }
    if (in.read() != -1) {
      throw new EOFException("trailing bytes in a usage journal record");
    }
    return events;
  }

  private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  private static UUID readUuid(DataInputStream in) throws IOException {
    return new UUID(in.readLong(), in.readLong());
  }
}
