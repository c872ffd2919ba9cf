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
import java.util.zip.CRC32C;

/**
 * The usage ledger's write-ahead journal: acknowledged usage that is not in the database yet, in
 * one append-only file. Each {@link #append} writes one record, {@code [payload length][CRC-32C]
 * [payload]}, and forces it to the device before it returns, so what it acknowledges survives a
 * killed process and a power cut. A record cut short by a crash fails its length or checksum when
 * the journal is reopened; it and anything after it are dropped (its append never returned). Once
 * every journaled event is in the database, {@link #clear} empties the file. Not thread-safe: the
 * ledger's writer thread owns it.
 */
final class UsageJournal implements AutoCloseable {
  private static final int HEADER_BYTES = 8;

  private final Path file;
  private final FileChannel channel;
  private final List<UsageEvent> recovered;

  private UsageJournal(Path file, FileChannel channel, List<UsageEvent> recovered) {
    this.file = file;
    this.channel = channel;
    this.recovered = recovered;
  }

  /** Opens (or creates) the journal at {@code file}, reading the events a crash left in it. */
  static UsageJournal open(Path file) throws IOException {
    requireNonNull(file, "file is null");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      List<UsageEvent> recovered = new ArrayList<>();
      long intact = readRecords(channel, recovered);
      channel.truncate(intact);
      channel.position(intact);
      return new UsageJournal(file, channel, List.copyOf(recovered));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The events that were in the journal when it was opened, in order. */
  List<UsageEvent> recovered() {
    return recovered;
  }

  /** Appends {@code events} as one record and forces it to the device. */
  void append(List<UsageEvent> events) throws IOException {
    byte[] payload = encode(events);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    while (record.hasRemaining()) {
      channel.write(record);
    }
    channel.force(false);
  }

  /** Empties the journal: everything in it is in the database. */
  void clear() throws IOException {
    channel.truncate(0);
    channel.position(0);
    channel.force(false);
  }

  /** Bytes in the journal. */
  long size() throws IOException {
    return channel.size();
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
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
