package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journal segments whose events are in the database but that stay in the journal until the database
 * has made the transactions that stored them survive a crash. On embedded H2 a commit can still be
 * lost to {@code kill -9} after it returned ({@link Database#persistCommits}): a segment deleted
 * before that would take acknowledged usage with it, while one kept is replayed at the next start,
 * where the events the database did keep are skipped by their idempotency keys. {@link #release}
 * makes one such call for every segment applied since the last, so its cost is paid once per batch
 * of segments. Used by one thread.
 */
final class AppliedSegments {
  private static final Logger LOG = LoggerFactory.getLogger(AppliedSegments.class);

  private final Database database;
  private final List<UsageJournal.Segment> segments = new ArrayList<>();

  AppliedSegments(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  /** Adds a segment whose events are all in the database. */
  void add(UsageJournal.Segment segment) {
    segments.add(requireNonNull(segment, "segment is null"));
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * Makes the database keep what it committed so far, then deletes the segments added; true when
   * none is left. On a failure they stay, for the next call or the next start.
   */
  boolean release() {
    if (segments.isEmpty()) {
      return true;
    }
    try {
      database.persistCommits();
    } catch (RuntimeException e) {
      LOG.warn(
          "{} applied usage journal segments kept: the database could not make its commits"
              + " durable ({})",
          segments.size(),
          e.getMessage());
      return false;
    }
    while (!segments.isEmpty()) {
      UsageJournal.Segment segment = segments.getFirst();
      try {
        UsageJournal.delete(segment);
      } catch (IOException e) {
        LOG.error(
            "Could not delete the usage journal segment {}: {}", segment.file(), e.getMessage());
        return false;
      }
      segments.removeFirst();
    }
    return true;
  }
}
