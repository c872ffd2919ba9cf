package dev.atrium.inference.tabular;

import dev.atrium.plugin.api.JobProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job's progress as a list of what it reported; cancelled after {@code cancelAfter} reports. */
final class RecordingProgress implements JobProgress {

  record Report(double fraction, String message) {}

  final List<Report> reports = new CopyOnWriteArrayList<>();
  private final int cancelAfter;

  RecordingProgress() {
    this(Integer.MAX_VALUE);
  }

  RecordingProgress(int cancelAfter) {
    this.cancelAfter = cancelAfter;
  }

  @Override
  public void update(double fraction, String message) {
    reports.add(new Report(fraction, message));
  }

  @Override
  public boolean cancelled() {
    return reports.size() >= cancelAfter;
  }
}
