package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

/**
 * How the dashboard shows the plugin: a panel with a title, a description, and the plugin route
 * (relative to {@code /v1/<plugin-id>}, a GET answering JSON) whose data it displays as {@code
 * kind}.
 */
public record DashboardPanel(String title, String description, String dataPath, Kind kind) {

  /** The display. */
  public enum Kind {
    /** A single number: the route answers {@code {"value": n, "label": "..."}}. */
    METRIC,
    /** Rows: the route answers {@code {"columns": [...], "rows": [[...], ...]}}. */
    TABLE,
    /** A time series: the route answers {@code {"points": [{"t": "...", "v": n}, ...]}}. */
    CHART
  }

  public DashboardPanel {
    requireNonNull(title, "title is null");
    requireNonNull(description, "description is null");
    requireNonNull(dataPath, "dataPath is null");
    requireNonNull(kind, "kind is null");
  }
}
