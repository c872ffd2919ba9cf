package dev.atrium.plugin.runtime.safety;

/** A part of a text in UTF-16 offsets, {@code start} inclusive, {@code end} exclusive. */
record Span(int start, int end) {

  boolean contains(Span other) {
    return start <= other.start && other.end <= end;
  }
}
