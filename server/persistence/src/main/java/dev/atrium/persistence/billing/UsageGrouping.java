package dev.atrium.persistence.billing;

/** What a usage report groups by, besides the meter. */
public enum UsageGrouping {
  HOUR,
  DAY,
  METER,
  PLUGIN,
  MODEL,
  KEY
}
