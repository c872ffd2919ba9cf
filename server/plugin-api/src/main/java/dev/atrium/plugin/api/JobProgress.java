package dev.atrium.plugin.api;

/** What a running job reports, and how it learns it should stop. */
public interface JobProgress {

  /** Reports how far the job is, from 0 to 1, with a short message for people. */
  void update(double fraction, String message);

  /** True once the job was cancelled (or the plugin is stopping): return soon. */
  boolean cancelled();
}
